import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render as renderDom } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { ReactElement, ReactNode } from 'react';
import { MemoryRouter, useLocation } from 'react-router';
import { theme } from '../theme';
import '../format';

/**
 * Renders a component inside the app's providers (Mantine with the app's theme, Italian dates, a fresh
 * query client, a router at `route`), with a user-event session to drive it and the router's address.
 */
export function render(ui: ReactElement, { route = '/' }: { route?: string } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const address = { current: route };
  function AddressProbe() {
    const location = useLocation();
    address.current = location.pathname + location.search;
    return null;
  }
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MantineProvider theme={theme} env="test">
      <DatesProvider settings={{ locale: 'it', firstDayOfWeek: 1 }}>
        <QueryClientProvider client={queryClient}>
          <MemoryRouter initialEntries={[route]}>
            {children}
            <AddressProbe />
          </MemoryRouter>
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  );
  return { ...renderDom(ui, { wrapper }), user: userEvent.setup(), queryClient, address: () => address.current };
}

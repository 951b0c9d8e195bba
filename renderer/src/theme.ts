import { createTheme, Modal, PasswordInput } from '@mantine/core';

// Mantine's built-in labels are English: give the assistive labels their Italian text.
export const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'sm',
  components: {
    PasswordInput: PasswordInput.extend({ defaultProps: { visibilityToggleButtonProps: { 'aria-label': 'Mostra o nascondi la password' } } }),
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Chiudi' } } }),
  },
});

import { DateInput } from '@mantine/dates';
import { Anchor, createTheme, darken, defaultVariantColorsResolver, Modal, parseThemeColor, PasswordInput, type VariantColorsResolver } from '@mantine/core';

/** Light badges and buttons: the text a shade darker than Mantine's, for 4.5:1 on the tinted background. */
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (input.variant !== 'light') return colors;
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  const darkest = parsed.isThemeColor ? input.theme.colors[parsed.color]?.[9] : undefined;
  return darkest ? { ...colors, color: darken(darkest, 0.25) } : colors;
};

// Mantine's built-in labels are English: give the assistive labels their Italian text.
export const theme = createTheme({
  primaryColor: 'blue',
  // white on blue.8 (and on every filled colour's shade 8) reads at 4.5:1 or better; shade 6 did not
  primaryShade: 8,
  defaultRadius: 'sm',
  variantColorResolver,
  components: {
    // a link inside a sentence is told apart by its underline, not by its colour alone
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
    PasswordInput: PasswordInput.extend({ defaultProps: { visibilityToggleButtonProps: { 'aria-label': 'Mostra o nascondi la password' } } }),
    DateInput: DateInput.extend({ defaultProps: { clearButtonProps: { 'aria-label': 'Cancella la data' } } }),
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Chiudi' } } }),
  },
});

/** Hint text and placeholders dark enough to read (4.5:1 on white and on the grey page). */
export const cssVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-placeholder': 'var(--mantine-color-gray-7)' },
  dark: {},
});

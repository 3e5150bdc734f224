// The console's look: one Mantine theme (colour, radius, type) so every page matches.
import { createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Paper: { defaultProps: { withBorder: true, radius: 'md' } },
    Card: { defaultProps: { withBorder: true, radius: 'md' } },
    // Sentence case reads calmer than Mantine's default capitals ("Unpublished changes").
    Badge: { styles: { root: { textTransform: 'none', fontWeight: 600 } } },
  },
});

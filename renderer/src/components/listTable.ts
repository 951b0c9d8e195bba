/** How every server-paged list of the app looks (people, companies, percorsi, patti): one place to change it. */
export const LIST_TABLE_PROPS = {
  withTableBorder: true,
  borderRadius: 'md',
  striped: true,
  highlightOnHover: true,
  verticalAlign: 'center',
  fz: 'sm',
  horizontalSpacing: 8,
  defaultColumnProps: { ellipsis: true },
} as const;

/** The organisation the bootstrap admin (and data from before authentication existed) belongs to. */
export const DEFAULT_ORGANISATION = { slug: 'default', name: 'Default organisation' } as const;

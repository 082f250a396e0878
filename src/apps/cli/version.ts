/** The package version, shown by `--version`, `GET /healthz` and alert footers. */
export const VERSION = '0.1.0';

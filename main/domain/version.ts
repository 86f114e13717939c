/** The product's version, from package.json (the one place it is written). */
import packageJson from '../../package.json';

export const APP_VERSION: string = packageJson.version;

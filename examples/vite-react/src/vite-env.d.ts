/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The API's origin in production builds, e.g. https://api.example.com; unset in development. */
  readonly VITE_API_ORIGIN?: string;
}

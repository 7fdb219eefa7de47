// Types for buildServer.mjs (a plain script, so `npm start` needs no TypeScript loader).
export declare const SERVER_BUNDLE: string;
export declare function serverBundleStale(): boolean;
export declare function buildServer(): Promise<void>;

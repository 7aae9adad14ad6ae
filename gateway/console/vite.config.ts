import { defineConfig } from "vite";

// Built into the gateway's wwwroot (git-ignored), which the gateway serves at /.
export default defineConfig({
  build: {
    outDir: "../wwwroot",
    emptyOutDir: true,
    // The world map's shapes are data: keep them in their own file so the code chunk stays small to parse.
    chunkSizeWarningLimit: 600,
    reportCompressedSize: true,
    manifest: true,
  },
});

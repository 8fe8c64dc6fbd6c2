import { defineConfig } from "vitest/config";

// Maven packages target/classes into the muse-web-static jar, so the build lands directly on the
// classpath under web/, where the server's static content handler looks for it.
export default defineConfig({
  build: {
    outDir: "target/classes/web",
    emptyOutDir: true,
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});

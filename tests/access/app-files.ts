import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

function walk(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(rel) : [rel];
  });
}

/** "app/(portal)/admin/users/[id]/page.tsx" -> "/admin/users/[id]" */
function toPattern(file: string): string {
  const segments = path
    .dirname(file)
    .split(path.sep)
    .slice(1)
    .filter((s) => !(s.startsWith("(") && s.endsWith(")")));
  return "/" + segments.join("/");
}

export function pagePatterns(): string[] {
  return walk("app")
    .filter((f) => f.endsWith("/page.tsx"))
    .map(toPattern)
    .sort();
}

export function routePatterns(): string[] {
  return walk("app")
    .filter((f) => f.endsWith("/route.ts"))
    .map(toPattern)
    .sort();
}

/** Files holding server actions: any file under app/ that starts with the "use server" directive. */
export function actionFiles(): string[] {
  return walk("app")
    .filter((f) => /\.tsx?$/.test(f))
    .filter((f) => /^\s*["']use server["']/.test(readFileSync(path.join(root, f), "utf8")))
    .sort();
}

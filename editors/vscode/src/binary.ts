// Finding the dbspec binary that dbspec.path names.
import { constants, promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

// findBinary returns the absolute path of the executable that setting names,
// or undefined. A bare name is looked up on PATH; a path may start with ~
// and, when relative, is resolved against the workspace folder.
export async function findBinary(setting: string, folder?: string): Promise<string | undefined> {
  let name = setting.trim();
  if (name.startsWith("~/")) {
    name = path.join(os.homedir(), name.slice(2));
  }
  if (name.includes("/") || name.includes("\\")) {
    const abs = path.isAbsolute(name) ? name : path.resolve(folder ?? process.cwd(), name);
    return (await isExecutable(abs)) ? abs : undefined;
  }
  const exts = process.platform === "win32" ? ["", ".exe", ".cmd"] : [""];
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (dir && (await isExecutable(candidate))) {
        return candidate;
      }
    }
  }
  return undefined;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    const st = await fs.stat(file);
    await fs.access(file, constants.X_OK);
    return st.isFile();
  } catch {
    return false;
  }
}

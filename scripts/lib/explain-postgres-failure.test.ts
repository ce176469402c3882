import { describe, expect, it } from "vitest";
import { explainPostgresFailure, type PostgresFailure } from "./explain-postgres-failure.mts";

const base: PostgresFailure = {
  port: 54329,
  portSetting: "EMBEDDED_PG_PORT",
  dataDir: ".data/pg",
  runningAsRoot: false,
  serverVersion: "17",
};

const oneSentence = (s: string) => {
  expect(s.split("\n")).toHaveLength(1);
  expect(s).toMatch(/^[A-Z].*\.$/);
  expect(s.match(/\. [A-Z]/g)).toBeNull();
};

describe("explainPostgresFailure", () => {
  it("root, and a folder the postgres user cannot enter: move the project or run as a normal user", () => {
    const s = explainPostgresFailure({ ...base, runningAsRoot: true, unreachableFolder: "/root" });
    expect(s).toBe(
      'Run as root, the embedded PostgreSQL runs as the user "postgres", which cannot enter /root: move the project to a folder every user can read, such as /srv or /opt, or run npm start as a normal user.',
    );
    oneSentence(s);
  });

  it("root, and a raw spawn EACCES from the package (no folder found beforehand)", () => {
    const error = Object.assign(new Error("spawn /root/app/node_modules/.../initdb EACCES"), {
      code: "EACCES",
      syscall: "spawn /root/app/node_modules/.../initdb",
    });
    const s = explainPostgresFailure({ ...base, runningAsRoot: true, error });
    expect(s).toContain("cannot reach the project's files");
    expect(s).toContain("such as /srv or /opt, or run npm start as a normal user");
    oneSentence(s);
  });

  it("root, and initdb's 'Permission denied' on the data folder", () => {
    const output = '[STDERR] initdb: error: could not access directory "/tmp/x/pg": Permission denied\n';
    const s = explainPostgresFailure({ ...base, runningAsRoot: true, output });
    expect(s).toContain("/srv or /opt");
  });

  it("port taken: names the port and the setting that changes it", () => {
    const s = explainPostgresFailure({ ...base, portInUse: true });
    expect(s).toBe(
      "Port 54329 is already in use by another program, so the embedded PostgreSQL cannot listen on it: stop that program or choose another port with EMBEDDED_PG_PORT (for example EMBEDDED_PG_PORT=54330 npm start).",
    );
    oneSentence(s);
  });

  it("port taken, seen only in PostgreSQL's log, and without a setting to change it", () => {
    const output =
      '2026-11-28 07:00:00.000 UTC [1] LOG:  could not bind IPv4 address "127.0.0.1": Address already in use\n' +
      "2026-11-28 07:00:00.000 UTC [1] HINT:  Is another postmaster already running on port 54339? If not, wait a few seconds and retry.\n";
    const s = explainPostgresFailure({ ...base, port: 54339, portSetting: undefined, output });
    expect(s).toBe(
      "Port 54339 is already in use by another program, so the embedded PostgreSQL cannot listen on it: stop that program and try again.",
    );
  });

  it("data folder from another major version: names both and says to delete or move it", () => {
    const s = explainPostgresFailure({ ...base, dataVersion: "15" });
    expect(s).toBe(
      "The data folder .data/pg was made by PostgreSQL 15, but the embedded PostgreSQL is version 17: delete or move .data/pg (it holds only demo data) and run npm start again to make a fresh one.",
    );
    oneSentence(s);
  });

  it("another major version, seen only in PostgreSQL's log", () => {
    const output =
      "FATAL:  database files are incompatible with server\nDETAIL:  The data directory was initialized by PostgreSQL version 16, which is not compatible with this version 17.10.\n";
    expect(explainPostgresFailure({ ...base, output })).toContain(
      "made by PostgreSQL 16, but the embedded PostgreSQL is version 17",
    );
  });

  it("the same major version is not a mismatch", () => {
    expect(explainPostgresFailure({ ...base, dataVersion: "17", portInUse: true })).toMatch(/^Port 54329/);
  });

  it("disk full, from a Node.js error", () => {
    const error = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    const s = explainPostgresFailure({ ...base, error });
    expect(s).toBe(
      "The disk is full (no space left on device), so the embedded PostgreSQL could not set up or start its data folder .data/pg: free some disk space and run npm start again.",
    );
    oneSentence(s);
  });

  it("disk full, from initdb's or postgres's output, wins over anything else", () => {
    const output = '[STDERR] initdb: error: could not write file "base/1/1249": No space left on device\n';
    const s = explainPostgresFailure({ ...base, runningAsRoot: true, output, portInUse: true });
    expect(s).toMatch(/^The disk is full/);
  });

  it("not root, data folder owned by someone else (say, an earlier run as root)", () => {
    const output =
      'FATAL:  data directory "/work/main/.data/pg" has wrong ownership\nHINT:  The server must be started by the user that owns the data directory.\n';
    const s = explainPostgresFailure({ ...base, output });
    expect(s).toContain("permission denied or owned by another user");
    expect(s).toContain("delete .data/pg");
    oneSentence(s);
  });

  it("anything else: PostgreSQL's last complaint, in one line", () => {
    const output =
      'LOG:  starting PostgreSQL 17.10\nFATAL:  could not load library "x": nope.\nLOG:  database system is shut down\n';
    const s = explainPostgresFailure({ ...base, output });
    expect(s).toBe(
      'The embedded PostgreSQL with its data folder .data/pg did not start on port 54329 (could not load library "x": nope): delete .data/pg (it holds only demo data) to start again from scratch if this persists.',
    );
    oneSentence(s);
  });
});

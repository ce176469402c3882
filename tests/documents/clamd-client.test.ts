// The portal's own INSTREAM client against the real clamd of the suite, and against fake servers
// for the answers a real one gives rarely: only "stream: OK" is ever clean.
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { scanWithClamd, ScannerUnavailableError } from "@/lib/documents/clamd-client";
import { startClamd } from "../support/clamd";
import { useClamd } from "../support/use-clamd";
import { EICAR, INFECTED_PNG, INFECTED_PNG_SIGNATURE, PDF, PNG } from "./document-fixtures";

const clamd = useClamd([INFECTED_PNG_SIGNATURE]);
const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A TCP server on a free port that does `onConnection` with each client. */
async function fakeClamd(onConnection: (socket: net.Socket) => void): Promise<{ host: string; port: number }> {
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    onConnection(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { host: "127.0.0.1", port: (server.address() as net.AddressInfo).port };
}

describe("scanWithClamd against clamd", () => {
  it("finds clean files clean and the test signatures infected", async () => {
    expect(await scanWithClamd(clamd(), PNG)).toEqual({ clean: true });
    expect(await scanWithClamd(clamd(), PDF)).toEqual({ clean: true });
    expect(await scanWithClamd(clamd(), EICAR)).toEqual({ clean: false, signature: "Test.EICAR.UNOFFICIAL" });
    expect(await scanWithClamd(clamd(), INFECTED_PNG)).toEqual({ clean: false, signature: "Test.InfectedPng.UNOFFICIAL" });
  });

  it("sends a file in many chunks (5 MB) and gets one verdict", async () => {
    expect(await scanWithClamd(clamd(), Buffer.alloc(5 * 1024 * 1024, 7))).toEqual({ clean: true });
  });

  it("treats clamd's own size limit as no verdict, never as clean", async () => {
    // The suite's clamd takes 30 MB at most.
    await expect(scanWithClamd(clamd(), Buffer.alloc(31 * 1024 * 1024, 1))).rejects.toThrow(/size limit exceeded/);
  });

  it("fails when nothing listens", async () => {
    const stopped = await startClamd();
    const { host, port } = stopped;
    await stopped.dispose();
    await expect(scanWithClamd({ host, port }, PNG)).rejects.toBeInstanceOf(ScannerUnavailableError);
  });
});

describe("scanWithClamd against servers that misbehave", () => {
  it("refuses an answer that is not clamd's", async () => {
    const address = await fakeClamd((socket) => socket.end("HTTP/1.1 200 OK\r\n\r\n"));
    await expect(scanWithClamd(address, PNG)).rejects.toThrow(/could not scan the file/);
  });

  it("refuses a connection closed without an answer", async () => {
    const address = await fakeClamd((socket) => socket.end());
    await expect(scanWithClamd(address, PNG)).rejects.toThrow(/without an answer/);
  });

  it("gives up on a server that never answers", async () => {
    const address = await fakeClamd(() => undefined);
    const started = Date.now();
    await expect(scanWithClamd(address, PNG, { timeoutMs: 300 })).rejects.toThrow(/did not answer within 300 ms/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("reads the verdict sent before the server hung up", async () => {
    const address = await fakeClamd((socket) => socket.end("stream: Fake.Sig FOUND\0"));
    expect(await scanWithClamd(address, PNG)).toEqual({ clean: false, signature: "Fake.Sig" });
  });
});

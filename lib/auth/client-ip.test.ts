import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

describe("clientIp", () => {
  it("takes the rightmost entry when the portal is reached directly (what Next.js set from the socket)", () => {
    expect(clientIp("203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientIp("::ffff:127.0.0.1", 0)).toBe("127.0.0.1");
  });

  it("behind N proxies, trusts only the entry the outermost proxy appended", () => {
    // The client forged the first two entries; two proxies appended the last two.
    expect(clientIp("1.1.1.1, 2.2.2.2, 198.51.100.7, 10.0.0.5", 2)).toBe("198.51.100.7");
    expect(clientIp("198.51.100.7, 10.0.0.5", 1)).toBe("10.0.0.5");
    expect(clientIp("198.51.100.7", 3)).toBe("198.51.100.7");
  });

  it("gives nothing for a missing or malformed address", () => {
    expect(clientIp(null, 0)).toBeNull();
    expect(clientIp("", 1)).toBeNull();
    expect(clientIp("not-an-ip", 0)).toBeNull();
    expect(clientIp("2001:DB8::1", 0)).toBe("2001:db8::1");
  });
});

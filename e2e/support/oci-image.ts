import { createHash, randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";

// Writes a tiny, valid OCI image layout by hand (no Docker, no network), so skopeo can push it
// with `skopeo copy oci:<dir>:<tag> docker://...`. One layer holding one small text file.

export type OciImage = {
  manifestDigest: string;
  manifestMediaType: string;
  manifestSize: number;
  configDigest: string;
  layerDigest: string;
};

export type OciImageOptions = {
  /** The text inside the image's one file. Defaults to something unique per call, so every image has distinct digests. The same content always gives the same digests (timestamps are fixed; the tag only affects index.json). */
  content?: string;
  /** The tag skopeo addresses as `oci:<dir>:<tag>` (index.json's org.opencontainers.image.ref.name). Defaults to "latest". */
  tag?: string;
};

export const OCI_MANIFEST_MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";
const OCI_INDEX_MEDIA_TYPE = "application/vnd.oci.image.index.v1+json";
const OCI_CONFIG_MEDIA_TYPE = "application/vnd.oci.image.config.v1+json";
const OCI_LAYER_MEDIA_TYPE = "application/vnd.oci.image.layer.v1.tar+gzip";

const FIXED_CREATED = "2024-01-01T00:00:00.000Z";

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

/** Writes `value` into `header` at `offset` as a NUL-terminated, zero-padded octal number `width` bytes wide. */
const writeOctal = (header: Buffer, offset: number, width: number, value: number) => {
  header.write(value.toString(8).padStart(width - 1, "0") + "\0", offset, width, "ascii");
};

/** A ustar archive holding one regular file. */
const tarWithOneFile = (name: string, data: Buffer, mtimeSeconds: number): Buffer => {
  if (Buffer.byteLength(name) > 99) throw new Error(`tar entry name too long: ${name}`);
  const header = Buffer.alloc(512, 0);
  header.write(name, 0, 100, "utf8"); // name
  writeOctal(header, 100, 8, 0o644); // mode
  writeOctal(header, 108, 8, 0); // uid
  writeOctal(header, 116, 8, 0); // gid
  writeOctal(header, 124, 12, data.length); // size
  writeOctal(header, 136, 12, mtimeSeconds); // mtime
  header.fill(0x20, 148, 156); // checksum field counts as eight spaces while summing
  header.write("0", 156, 1, "ascii"); // typeflag: regular file
  header.write("ustar\0", 257, 6, "ascii"); // magic
  header.write("00", 263, 2, "ascii"); // version
  header.write("root", 265, 32, "ascii"); // uname
  header.write("root", 297, 32, "ascii"); // gname
  let checksum = 0;
  for (const byte of header) checksum += byte;
  // Six octal digits, NUL, space.
  header.write(checksum.toString(8).padStart(6, "0") + "\0 ", 148, 8, "ascii");

  const padding = Buffer.alloc((512 - (data.length % 512)) % 512, 0);
  const endOfArchive = Buffer.alloc(1024, 0);
  return Buffer.concat([header, data, padding, endOfArchive]);
};

export const writeOciImageLayout = async (dir: string, options: OciImageOptions = {}): Promise<OciImage> => {
  const tag = options.tag ?? "latest";
  const content = options.content ?? `hello from the e2e harness ${randomUUID()}\n`;
  const blobsDir = path.join(dir, "blobs", "sha256");
  await mkdir(blobsDir, { recursive: true });

  const writeBlob = async (data: Buffer) => {
    const hex = sha256(data);
    await writeFile(path.join(blobsDir, hex), data);
    return { digest: `sha256:${hex}`, size: data.length };
  };

  // Fixed timestamps: the same content and tag always give the same digests.
  const created = new Date(FIXED_CREATED);
  const tar = tarWithOneFile("hello.txt", Buffer.from(content, "utf8"), Math.floor(created.getTime() / 1000));
  const layer = await writeBlob(gzipSync(tar));

  const config = await writeBlob(
    Buffer.from(
      JSON.stringify({
        created: created.toISOString(),
        architecture: "amd64",
        os: "linux",
        config: {},
        rootfs: { type: "layers", diff_ids: [`sha256:${sha256(tar)}`] },
        history: [{ created: created.toISOString(), created_by: "e2e/support/oci-image.ts" }],
      }),
      "utf8",
    ),
  );

  const manifest = await writeBlob(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST_MEDIA_TYPE,
        config: { mediaType: OCI_CONFIG_MEDIA_TYPE, digest: config.digest, size: config.size },
        layers: [{ mediaType: OCI_LAYER_MEDIA_TYPE, digest: layer.digest, size: layer.size }],
      }),
      "utf8",
    ),
  );

  await writeFile(path.join(dir, "oci-layout"), JSON.stringify({ imageLayoutVersion: "1.0.0" }));
  await writeFile(
    path.join(dir, "index.json"),
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_INDEX_MEDIA_TYPE,
      manifests: [
        {
          mediaType: OCI_MANIFEST_MEDIA_TYPE,
          digest: manifest.digest,
          size: manifest.size,
          annotations: { "org.opencontainers.image.ref.name": tag },
        },
      ],
    }),
  );

  return {
    manifestDigest: manifest.digest,
    manifestMediaType: OCI_MANIFEST_MEDIA_TYPE,
    manifestSize: manifest.size,
    configDigest: config.digest,
    layerDigest: layer.digest,
  };
};

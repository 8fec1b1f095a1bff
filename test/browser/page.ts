/**
 * The page the real-browser test loads: it imports the bundled main entry (through the page's import
 * map, as a browser app without a bundler would), and runs generate, a streamed generate and an edit
 * of the file picked in its `<input type="file">` against the local server on another origin. Every
 * image received is decoded by the browser itself, and a summary goes back to the test.
 */
import { createImagesClient, finalImage, imageBytes, isImagesValidationError } from "../../src/index.js";

/** What the page reports: per image, its decoded size and the colour of its centre pixel. */
export interface PageReport {
  origin: string;
  generated: DecodedImage;
  partials: DecodedImage[];
  streamed: DecodedImage;
  edited: DecodedImage;
  editedFrom: { name: string; type: string; size: number };
  urlImage: DecodedImage;
  refusedBeforeSending: boolean;
}

interface DecodedImage {
  width: number;
  height: number;
  /** RGBA of the centre pixel, read back from a canvas. */
  centre: number[];
}

declare global {
  interface Window {
    runImagesCheck(baseUrl: string): Promise<PageReport>;
  }
}

async function decode(bytes: Uint8Array | Blob): Promise<DecodedImage> {
  const blob = bytes instanceof Blob ? bytes : new Blob([bytes as Uint8Array<ArrayBuffer>]);
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext("2d");
  if (!context) throw new Error("no 2d context");
  context.drawImage(bitmap, 0, 0);
  const centre = [...context.getImageData(bitmap.width >> 1, bitmap.height >> 1, 1, 1).data];
  return { width: bitmap.width, height: bitmap.height, centre };
}

window.runImagesCheck = async (baseUrl) => {
  const client = createImagesClient({ apiKey: "sk-browser-test", baseUrl, maxRetries: 0 });

  const generatedRes = await client.generate({
    model: "gpt-image-1",
    prompt: "a cute baby sea otter",
    size: "1024x1024",
    quality: "low",
  });
  const first = generatedRes.data?.[0];
  if (!first) throw new Error("generate returned no image");

  const partials: DecodedImage[] = [];
  const stream = await client.generate({
    model: "gpt-image-1",
    prompt: "a lighthouse at dusk",
    size: "1536x1024",
    quality: "low",
    stream: true,
    partial_images: 2,
  });
  const pending: Promise<DecodedImage>[] = [];
  const completed = await finalImage(stream, {
    onPartial: (event) => {
      pending.push(decode(imageBytes(event)));
    },
  });
  partials.push(...(await Promise.all(pending)));

  const input = document.querySelector<HTMLInputElement>("#upload");
  const file = input?.files?.[0];
  if (!file) throw new Error("no file picked in #upload");
  const editedRes = await client.edit({
    model: "gpt-image-1.5",
    prompt: "add a red hat",
    image: file,
    size: "1024x1536",
    quality: "low",
  });
  const edited = editedRes.data?.[0];
  if (!edited) throw new Error("edit returned no image");

  // DALL·E answers with a URL on the server: the browser fetches it cross-origin too.
  const urlRes = await client.generate({ model: "dall-e-2", prompt: "otter", size: "256x256" });
  const url = urlRes.data?.[0]?.url;
  if (!url) throw new Error("dall-e-2 returned no URL");
  const urlImage = await decode(await (await fetch(url)).blob());

  const refused = await client.generate({ model: "dall-e-3", prompt: "otter", n: 2 } as never).then(
    () => undefined,
    (err: unknown) => err,
  );

  return {
    origin: location.origin,
    generated: await decode(imageBytes(first)),
    partials,
    streamed: await decode(imageBytes(completed)),
    edited: await decode(imageBytes(edited)),
    editedFrom: { name: file.name, type: file.type, size: file.size },
    urlImage,
    refusedBeforeSending: isImagesValidationError(refused) && refused.param === "n",
  };
};

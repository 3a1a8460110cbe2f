import { expect, test } from "bun:test";
import { oggOpusVoiceNote } from "@confirma/server/testing";
import type { Locator } from "playwright-core";
import { clientAwaitingReply, openAs, openLive, postMetaMessage } from "./fixtures.ts";
import { ADMIN, screenshot, TEST_KEY, useHarness } from "./harness.ts";

/**
 * A voice note arriving through the webhook (Meta Cloud API: a media id, fetched in two steps
 * from a fake Graph API on 127.0.0.1 after the webhook answered) plays in the conversation and on
 * the review card (and on the call queue's card), at a laptop's and a phone's size.
 */
const TOKEN = "e2e-meta-access-token";
const voiceNote = oggOpusVoiceNote(3);
const graph = Bun.serve({
  port: 0,
  hostname: "127.0.0.1",
  fetch(request) {
    if (request.headers.get("authorization") !== `Bearer ${TOKEN}`) return new Response("no token", { status: 401 });
    const url = new URL(request.url);
    const described = /^\/v26\.0\/([\w-]+)$/.exec(url.pathname);
    if (described)
      return Response.json({
        messaging_product: "whatsapp",
        url: `${url.origin}/files/${described[1]}`,
        mime_type: "audio/ogg; codecs=opus",
        sha256: "x",
        file_size: String(voiceNote.byteLength),
        id: described[1],
      });
    if (url.pathname.startsWith("/files/")) return new Response(voiceNote, { headers: { "content-type": "audio/ogg" } });
    return new Response("not found", { status: 404 });
  },
});
const harness = useHarness({
  env: {
    WHATSAPP_GRAPH_URL: `http://127.0.0.1:${graph.port}`,
    WHATSAPP_GRAPH_VERSION: "v26.0",
    WHATSAPP_ACCESS_TOKEN: TOKEN,
    OUTBOUND_ALLOW_PRIVATE_NETWORKS: "true",
  },
});

/** Plays an `<audio>` after a real click on it (the page's user activation), and waits until its time moves. */
async function expectPlays(audio: Locator): Promise<void> {
  await audio.scrollIntoViewIfNeeded();
  await audio.click();
  const played = await audio.evaluate(async (element: HTMLAudioElement) => {
    await element.play();
    const started = performance.now();
    while (element.currentTime < 0.3 && performance.now() - started < 5_000) await new Promise((resolve) => setTimeout(resolve, 50));
    return { currentTime: element.currentTime, error: element.error?.code ?? null, duration: element.duration };
  });
  expect(played.error).toBeNull();
  expect(played.currentTime).toBeGreaterThan(0.2);
  await audio.evaluate((element: HTMLAudioElement) => element.pause());
}

for (const [width, height] of [
  [1366, 768],
  [390, 844],
] as const) {
  test(`a voice note from the webhook plays in the conversation and on the review card (${width}×${height})`, async () => {
    const { page, api } = await openAs(harness, ADMIN, { width, height });
    const name = `Khadija ${width}`;
    const { clientId, orderId, phone } = await clientAwaitingReply(api, { name });
    await openLive(page, `/clients/${clientId}`);
    await postMetaMessage(harness, phone, name, { type: "audio", audio: { id: `voice-${width}`, mime_type: "audio/ogg; codecs=opus", voice: true } });

    // The thread shows it as soon as it is stored, then the player once the file is fetched.
    const bubble = page.locator('.bubble[data-direction="in"]').last();
    const audio = bubble.locator("audio");
    await audio.waitFor();
    expect(await bubble.getByTestId("media-duration").textContent()).toBe("0:03");
    expect(await audio.getAttribute("src")).toMatch(/^\/api\/media\/[\w-]+$/);
    await expectPlays(audio);
    await screenshot(page, `media-conversation-${width}`);

    // The voice note answered nothing clear: the order is in review, its card plays the note.
    await openLive(page, "/review");
    const card = page.locator(`.review-item[data-order-id="${orderId}"]`);
    const cardAudio = card.locator("audio");
    await cardAudio.waitFor();
    expect(await card.textContent()).not.toContain("Message indisponible");
    await expectPlays(cardAudio);
    await screenshot(page, `media-review-${width}`);

    // The call queue's card quotes the same voice note, playable too.
    await openLive(page, "/calls");
    const callAudio = page.locator(`li[data-order-id="${orderId}"] audio`);
    await callAudio.waitFor();
    await expectPlays(callAudio);

    // The same file for the integration key; nobody else.
    const src = await callAudio.getAttribute("src");
    expect((await fetch(`${harness.url}${src}`)).status).toBe(401);
    const withKey = await fetch(`${harness.url}${src}`, { headers: { "x-api-key": TEST_KEY } });
    expect(withKey.headers.get("content-type")).toBe("audio/ogg");
  });
}

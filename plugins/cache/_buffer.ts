/**
 * Reads a response body when it has at most `limit` bytes. A longer body is not buffered past
 * the limit: the answer is then a response that still streams all of it.
 */
export async function bufferBody(
  res: Response,
  limit: number,
): Promise<{ body: Uint8Array<ArrayBuffer> } | { response: Response }> {
  if (res.body === null) return { body: new Uint8Array() };
  if (Number(res.headers.get("content-length")) > limit) return { response: res };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > limit) return { response: new Response(resume(chunks, reader), res) };
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return { body };
}

function resume(
  read: Uint8Array[],
  reader: ReadableStreamDefaultReader<Uint8Array>,
): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of read) controller.enqueue(chunk);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

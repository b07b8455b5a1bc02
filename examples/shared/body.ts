// The JSON body of a request, `{}` when it has none: the banner's `corsa check … --method PUT
// --header 'Content-Type: application/json'` sends no body, and its answer must be a 200,
// not a 500 from parsing nothing. Malformed JSON still fails (a 500 with the CORS answer).
export async function jsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  return text === '' ? {} : JSON.parse(text);
}

// REST calls to a Parley server. Errors arrive as application/problem+json with a stable code; they are
// thrown as ParleyError so that callers can show the detail and branch on the code.

export class ParleyError extends Error {
  constructor(status, code, detail) {
    super(detail || code || `HTTP ${status}`);
    this.status = status;
    this.code = code || "http-" + status;
    this.detail = detail || this.message;
  }
}

export class ParleyApi {
  /**
   * @param {string} base the server's base URL, ending in "/"
   * @param {() => string|null} authorization the Authorization header value to send, if any
   */
  constructor(base, authorization = () => null) {
    this.base = base.endsWith("/") ? base : base + "/";
    this.authorization = authorization;
  }

  url(path) {
    return new URL(path.replace(/^\//, ""), this.base).toString();
  }

  async request(method, path, body, idempotencyKey) {
    const headers = { Accept: "application/json" };
    if (idempotencyKey) {
      headers["Idempotency-Key"] = idempotencyKey;
    }
    const auth = this.authorization();
    if (auth) {
      headers.Authorization = auth;
    }
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    let response;
    try {
      response = await fetch(this.url(path), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: "omit",
      });
    } catch (error) {
      throw new ParleyError(0, "unreachable", "Parley cannot be reached. Check your connection.");
    }
    const text = await response.text();
    const data = text ? safeJson(text) : null;
    if (!response.ok) {
      throw new ParleyError(response.status, data?.code, data?.detail || data?.title);
    }
    return data;
  }

  get(path) {
    return this.request("GET", path);
  }

  /** A POST; with an idempotencyKey, a retry of it is answered what the first was (README "REST API"). */
  post(path, body = {}, idempotencyKey = undefined) {
    return this.request("POST", path, body, idempotencyKey);
  }

  put(path, body) {
    return this.request("PUT", path, body);
  }

  delete(path) {
    return this.request("DELETE", path);
  }
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

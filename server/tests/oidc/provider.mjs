// A real OpenID Provider for Carrel's tests: oidc-provider (OpenID Certified)
// on 127.0.0.1:$PORT (0: any free port) with one client, `carrel`, secret
// $CLIENT_SECRET, whose redirect URIs are $REDIRECT_URIS (comma-separated), or
// any http://127.0.0.1 callback of Carrel's with LOCAL_REDIRECTS=1 (each Rust
// test runs Carrel on a port of its own). It prints "issuer <url>" once it
// listens; with EXIT_WITH_PARENT=1 it exits when its stdin closes, so it never
// outlives the test process that started it. Its login form (the package's development
// interactions) takes any password; the login names the account and what the
// provider asserts about it:
//
//   ana@example.edu                  email ana@example.edu, verified
//   unverified:bo@example.edu        email bo@example.edu, not verified
//   wrong-audience:cy@example.edu    verified, but the ID token names another
//                                    client as its audience (re-signed with the
//                                    provider's own key), as a confused or
//                                    malicious provider would
//
// Consent is given automatically: the provider is the association's own.
import Provider from "oidc-provider";
import * as jose from "jose";

import { createServer } from "node:net";

/** A free port, when asked for any. */
async function freePort() {
  const server = createServer();
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address();
  await new Promise((done) => server.close(done));
  return port;
}

const port = Number(process.env.PORT ?? 0) || (await freePort());
const issuer = `http://127.0.0.1:${port}`;
const redirectUris = (process.env.REDIRECT_URIS ?? "").split(",").filter(Boolean);
const clientSecret = process.env.CLIENT_SECRET ?? "carrel-test-secret";

const { privateKey } = await jose.generateKeyPair("RS256", { extractable: true });
const jwk = { ...(await jose.exportJWK(privateKey)), kid: "test-key", alg: "RS256", use: "sig" };

function account(login) {
  const [mode, email] = login.includes(":") ? login.split(/:(.*)/s) : ["verified", login];
  const name = email.split("@")[0].replace(/[._]/g, " ").replace(/\b\w/g, (c) => c.toUpperCase());
  return { email, email_verified: mode !== "unverified", name };
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "carrel",
      client_secret: clientSecret,
      // Registration needs one; LOCAL_REDIRECTS widens it for the Rust tests.
      redirect_uris: redirectUris.length ? redirectUris : ["http://127.0.0.1/auth/sso/test/callback"],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  jwks: { keys: [jwk] },
  cookies: { keys: ["carrel-test-provider-cookie-key"] },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  // Scope claims go in the ID token, as most associations' providers do.
  conformIdTokenClaims: false,
  pkce: { methods: ["S256"], required: () => true },
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, id) {
    return { accountId: id, claims: async () => ({ sub: id, ...account(id) }) };
  },
  async loadExistingGrant(ctx) {
    const { Grant } = ctx.oidc.provider;
    const existing = ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (existing) return Grant.find(existing);
    const grant = new Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope("openid email profile");
    await grant.save();
    return grant;
  },
});

provider.use(async (ctx, next) => {
  await next();
  if (ctx.path !== "/token" || !ctx.body?.id_token) return;
  const claims = jose.decodeJwt(ctx.body.id_token);
  if (!String(claims.sub).startsWith("wrong-audience:")) return;
  ctx.body = {
    ...ctx.body,
    id_token: await new jose.SignJWT({ ...claims, aud: "someone-else" })
      .setProtectedHeader({ alg: "RS256", kid: jwk.kid })
      .sign(privateKey),
  };
});

if (process.env.LOCAL_REDIRECTS === "1") {
  const callback = /^http:\/\/127\.0\.0\.1:\d+\/auth\/sso\/[a-z0-9-]+\/callback$/;
  provider.Client.prototype.redirectUriAllowed = (uri) => callback.test(uri);
}
if (process.env.EXIT_WITH_PARENT === "1") {
  process.stdin.on("end", () => process.exit(0));
  process.stdin.resume();
}
provider.listen(port, "127.0.0.1", () => console.log(`issuer ${issuer}`));

package dev.shipbridge.spi;

/**
 * Ends the authorization an account's carrier holds on the account owner's behalf: revokes its
 * tokens at the carrier (USPS: a merchant's refresh and access tokens, {@code POST
 * /oauth2/v3/revoke}) and deletes them from the {@link TokenStore}. Called by {@code
 * Shipbridge.removeAccount(id)} on the account's bound carriers, outside retries and rate
 * limiters. A carrier without it has nothing to revoke.
 *
 * <p>The tokens are deleted from the store whatever the carrier answers; a revocation the carrier
 * did not confirm is then thrown (a {@code ShipbridgeException} saying why), never swallowed.
 * Tokens of the platform's own client application (shared by every account under its client id)
 * are not the account's to revoke.
 *
 * <pre>{@code
 * public boolean revokeAuthorization() {
 *   Optional<Token> refresh = store.get(refreshKey);
 *   store.remove(refreshKey);                 // forgotten here whatever the carrier says
 *   refresh.ifPresent(t -> oauth.revoke(t.value()));
 *   return refresh.isPresent();
 * }
 * }</pre>
 */
public interface AuthorizationCapability extends Capability {
  /**
   * Revokes and forgets the account's tokens.
   *
   * @return whether there was a token to revoke
   * @throws dev.shipbridge.ShipbridgeException when the carrier did not confirm a revocation (the
   *     tokens are deleted from the store all the same)
   */
  boolean revokeAuthorization();
}

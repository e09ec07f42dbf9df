package dev.shipbridge.usps;

import dev.shipbridge.spi.support.KnownSecrets;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Whose authority USPS calls run under: the platform's own client application ({@link
 * #clientCredentials}, the default), or a merchant who authorized the platform in the USPS
 * Business Portal ({@link #merchant}). For a merchant, USPS redirects the merchant's browser to
 * your redirect URI with a single-use authorization code; give it here once and the carrier
 * exchanges it for an access token and a refresh token on its first call. The refresh token is
 * kept in the facade's {@code TokenStore} under the merchant's id (a shared store such as
 * sdk-redis's keeps it for a fleet), rotated whenever USPS answers with a new one, and used to
 * renew the access token before it expires; the code is never exchanged twice.
 *
 * <pre>{@code
 * UspsCarrier usps = UspsCarrier.builder()
 *     .clientId(platformClientId).clientSecret(platformClientSecret)
 *     .authorization(UspsAuthorization.merchant("acme-store", "labels", "tracking")
 *         .withAuthorizationCode(codeFromRedirect, "https://platform.example/usps/callback"))
 *     .build();
 * // when the merchant leaves the platform:
 * usps.bind(context).revokeAuthorization();
 * }</pre>
 *
 * {@link #toString()} never shows the authorization code. Scopes are sent as given
 * (space-separated, case-sensitive); none means the client application's default scope.
 */
public final class UspsAuthorization {
  private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+"); // RFC 6749 scope-token

  private final String merchant;
  private final List<String> scopes;
  private final String code;
  private final String redirectUri;

  private UspsAuthorization(String merchant, List<String> scopes, String code, String redirectUri) {
    this.merchant = merchant;
    this.scopes = scopes;
    this.code = code;
    this.redirectUri = redirectUri;
  }

  /**
   * The platform's own client credentials ({@code grant_type=client_credentials}), asking for
   * {@code scopes} (none: the application's default scope).
   *
   * @throws IllegalArgumentException when a scope is blank or holds a space or a quote
   */
  public static UspsAuthorization clientCredentials(String... scopes) {
    return new UspsAuthorization(null, checked(scopes), null, null);
  }

  /**
   * A merchant's authorization, known by {@code merchantId} (your own stable id of the merchant:
   * it keys the merchant's tokens in the store and appears in error messages), asking for {@code
   * scopes}.
   *
   * @throws IllegalArgumentException when the id is blank or a scope is not a scope token
   */
  public static UspsAuthorization merchant(String merchantId, String... scopes) {
    if (merchantId == null || merchantId.isBlank()) throw new IllegalArgumentException("merchantId must not be blank");
    return new UspsAuthorization(merchantId.strip(), checked(scopes), null, null);
  }

  /**
   * This merchant's authorization with the code USPS redirected to {@code redirectUri}: exchanged
   * once, when the store holds no refresh token for the merchant yet. The code is a secret from
   * now on (masked by value in messages and logs).
   *
   * @throws IllegalArgumentException when this is not a merchant's authorization or a value is blank
   */
  public UspsAuthorization withAuthorizationCode(String code, String redirectUri) {
    if (merchant == null) throw new IllegalArgumentException("an authorization code belongs to a merchant: use merchant(...)");
    if (code == null || code.isBlank()) throw new IllegalArgumentException("code must not be blank");
    if (redirectUri == null || redirectUri.isBlank()) throw new IllegalArgumentException("redirectUri must not be blank");
    KnownSecrets.register(code.strip());
    return new UspsAuthorization(merchant, scopes, code.strip(), redirectUri.strip());
  }

  private static List<String> checked(String... scopes) {
    List<String> list = List.of(Objects.requireNonNull(scopes, "scopes"));
    for (String s : list) {
      if (s == null || !SCOPE.matcher(s).matches()) {
        throw new IllegalArgumentException("a scope must be one scope token without spaces or quotes: " + s);
      }
    }
    return list;
  }

  /** The merchant's id, or null for the platform's client credentials. */
  public String merchantId() {
    return merchant;
  }

  /** The scopes asked for; empty for the application's default scope. */
  public List<String> scopes() {
    return scopes;
  }

  /** Whether an authorization code was given to exchange. */
  public boolean hasAuthorizationCode() {
    return code != null;
  }

  /** The authorization code to exchange, or null; a secret: never log it. */
  public String authorizationCode() {
    return code;
  }

  /** The redirect URI the code was issued to, or null. */
  public String redirectUri() {
    return redirectUri;
  }

  @Override
  public String toString() {
    return merchant == null ? "UspsAuthorization[clientCredentials, scopes=" + scopes + "]"
        : "UspsAuthorization[merchant=" + merchant + ", scopes=" + scopes + (code == null ? "" : ", code=***") + "]";
  }
}

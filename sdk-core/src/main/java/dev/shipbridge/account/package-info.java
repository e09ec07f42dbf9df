/**
 * Carrier accounts for platforms that ship for many merchants: an {@link
 * dev.shipbridge.account.AccountId} names the account a call runs under, an {@link
 * dev.shipbridge.account.AccountResolver} (the platform's own store; {@link
 * dev.shipbridge.account.InMemoryAccounts} by default) gives its {@link
 * dev.shipbridge.account.CarrierAccount}, and {@code Shipbridge.account(id)} runs calls on carriers
 * bound for it. A request names its account too ({@code request.withAccount(id)}, {@code
 * TrackManyOptions.account}) and then runs exactly as on {@code Shipbridge.account(id)}; calls taking
 * plain values (a tracking number, an address) name it through {@code account(id)}. {@link
 * dev.shipbridge.account.Preflight} reports what an account can use before a real call.
 *
 * <pre>{@code
 * InMemoryAccounts accounts = AccountResolver.inMemory();
 * accounts.put(CarrierAccount.builder(AccountId.of("merchant-42"))
 *     .carrier(UspsCarrier.builder().clientId(platformId).clientSecret(platformSecret)
 *         .authorization(UspsAuthorization.merchant("merchant-42", "labels", "tracking")
 *             .withAuthorizationCode(code, redirectUri))
 *         .build())
 *     .build());
 * Shipbridge shipbridge = Shipbridge.builder().carrier(platformUsps).accounts(accounts).build();
 * Label label = shipbridge.account(AccountId.of("merchant-42")).label(request);
 * // or, the request naming it: shipbridge.label(request.withAccount(AccountId.of("merchant-42")));
 * }</pre>
 */
package dev.shipbridge.account;

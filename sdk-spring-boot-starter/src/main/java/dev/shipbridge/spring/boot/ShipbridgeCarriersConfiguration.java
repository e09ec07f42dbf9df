package dev.shipbridge.spring.boot;

import dev.shipbridge.ConfigurationException;
import dev.shipbridge.cainiao.CainiaoCarrier;
import dev.shipbridge.usps.UspsCarrier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The carriers named in properties, each when its module is on the classpath and its key is set. */
final class ShipbridgeCarriersConfiguration {
  private ShipbridgeCarriersConfiguration() {}

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "dev.shipbridge.usps.UspsCarrier")
  @ConditionalOnProperty(prefix = "shipbridge.usps", name = "enabled", havingValue = "true", matchIfMissing = true)
  static class Usps {
    /** USPS from {@code shipbridge.usps.*}; a {@code PaymentAccount} bean wins over the properties' account. */
    @Bean
    @ConditionalOnMissingBean(UspsCarrier.class)
    @ConditionalOnProperty(prefix = "shipbridge.usps", name = "client-id")
    UspsCarrier uspsCarrier(ShipbridgeProperties properties, ObjectProvider<UspsCarrier.PaymentAccount> account) {
      UspsProperties p = properties.getUsps();
      UspsCarrier.Builder b = UspsCarrier.builder().clientId(p.getClientId()).clientSecret(p.getClientSecret())
          .environment(p.getEnvironment() == UspsProperties.Environment.PRODUCTION
              ? UspsCarrier.Environment.PRODUCTION : UspsCarrier.Environment.TEST);
      if (p.getBaseUrl() != null) b.baseUrl(p.getBaseUrl());
      if (p.getWebhookSecret() != null) b.webhookSecret(p.getWebhookSecret());
      if (p.getQuotaPerHour() != null) b.quotaPerHour(p.getQuotaPerHour());
      if (p.getInductionZip() != null) b.inductionZip(p.getInductionZip());
      UspsCarrier.PaymentAccount pay = account.getIfUnique(() -> paymentAccount(p.getPaymentAccount()));
      if (pay != null) b.paymentAccount(pay);
      return b.build();
    }

    private static UspsCarrier.PaymentAccount paymentAccount(UspsProperties.PaymentAccountProperties a) {
      if (a.getCrid() == null) return null;
      String manifestMid = a.getManifestMid() != null ? a.getManifestMid() : a.getMid();
      if (a.getPermitNumber() != null) {
        return UspsCarrier.PaymentAccount.permit(a.getCrid(), a.getMid(), manifestMid, a.getPermitNumber(), a.getPermitZip());
      }
      return UspsCarrier.PaymentAccount.eps(a.getCrid(), a.getMid(), manifestMid, a.getAccountNumber());
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "dev.shipbridge.cainiao.CainiaoCarrier")
  @ConditionalOnProperty(prefix = "shipbridge.cainiao", name = "enabled", havingValue = "true", matchIfMissing = true)
  static class Cainiao {
    /** Cainiao from {@code shipbridge.cainiao.*}. */
    @Bean
    @ConditionalOnMissingBean(CainiaoCarrier.class)
    @ConditionalOnProperty(prefix = "shipbridge.cainiao", name = "app-key")
    CainiaoCarrier cainiaoCarrier(ShipbridgeProperties properties) {
      CainiaoProperties p = properties.getCainiao();
      CainiaoProperties.Environment environment = p.getEnvironment() == null ? CainiaoProperties.Environment.SANDBOX : p.getEnvironment();
      if (environment != CainiaoProperties.Environment.PRODUCTION && p.getIopBaseUrl() == null) {
        throw ConfigurationException.of("shipbridge.cainiao.iop-base-url", "Spring properties",
            "is required outside production: Cainiao's Open Platform has one gateway for every environment and labels "
                + "bought there are paid for; name it (e.g. a test gateway or a proxy), or set "
                + "shipbridge.cainiao.environment=production to use https://api-sg.aliexpress.com");
      }
      CainiaoCarrier.Builder b = CainiaoCarrier.builder().appKey(p.getAppKey()).appSecret(p.getAppSecret());
      if (p.getAccessToken() != null) b.accessToken(p.getAccessToken());
      b.environment(CainiaoCarrier.Environment.valueOf(environment.name()));
      if (p.getIopBaseUrl() != null) b.iopBaseUrl(p.getIopBaseUrl());
      if (p.getLinkBaseUrl() != null) b.linkBaseUrl(p.getLinkBaseUrl());
      if (p.getLinkProviderId() != null) b.linkProviderId(p.getLinkProviderId());
      if (p.getLinkSecretKey() != null) b.linkSecretKey(p.getLinkSecretKey());
      if (p.getLocale() != null) b.locale(p.getLocale());
      return b.build();
    }
  }
}

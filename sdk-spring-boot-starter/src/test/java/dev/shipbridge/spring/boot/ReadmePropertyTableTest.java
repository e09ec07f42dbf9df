package dev.shipbridge.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** README's "Spring Boot" property table is the generated configuration metadata, no more, no less. */
class ReadmePropertyTableTest {
  private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9.\\-]+)` \\| (?:`([^`]*)`)? *\\| .+\\|$");

  @Test
  void theReadmeTableListsEveryPropertyOfTheMetadataWithItsDefault() throws IOException {
    assertThat(readmeTable()).isEqualTo(metadata());
  }

  @Test
  void theMetadataDescribesEveryProperty() throws IOException {
    for (String file : new String[] {"META-INF/spring-configuration-metadata.json", "META-INF/additional-spring-configuration-metadata.json"}) {
      for (JsonNode p : ours(file)) {
        assertThat(p.path("description").asText()).as(p.path("name").asText()).isNotBlank();
      }
    }
  }

  private static Map<String, String> readmeTable() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    int start = readme.indexOf("\n## Spring Boot\n");
    assertThat(start).as("README has a Spring Boot section").isPositive();
    int end = readme.indexOf("\n## ", start + 1);
    Map<String, String> rows = new TreeMap<>();
    for (String line : readme.substring(start, end).split("\n")) {
      Matcher m = ROW.matcher(line.strip());
      if (m.matches()) rows.put(m.group(1), m.group(2) == null ? "" : m.group(2));
    }
    return rows;
  }

  private static Map<String, String> metadata() throws IOException {
    Map<String, String> props = new TreeMap<>();
    for (String file : new String[] {"META-INF/spring-configuration-metadata.json", "META-INF/additional-spring-configuration-metadata.json"}) {
      for (JsonNode p : ours(file)) {
        JsonNode d = p.path("defaultValue");
        props.putIfAbsent(p.path("name").asText(), d.isMissingNode() || d.isNull() ? "" : d.asText());
      }
    }
    assertThat(props).as("the generated metadata").containsKeys("shipbridge.usps.client-id", "shipbridge.redis.url");
    return props;
  }

  /** This module's metadata file (other jars on the classpath carry their own). */
  private static Iterable<JsonNode> ours(String file) throws IOException {
    for (URL url : Collections.list(ReadmePropertyTableTest.class.getClassLoader().getResources(file))) {
      if (!url.toString().contains("sdk-spring-boot-starter")) continue;
      try (InputStream in = url.openStream()) {
        return new ObjectMapper().readTree(in).path("properties");
      }
    }
    throw new AssertionError(file + " not found on this module's classpath");
  }
}

package io.klio.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * The README shows what the archetype generates, so that what users copy and what the archetype
 * makes (and its integration test builds) cannot drift apart: the pom's Klio part, and the test.
 */
class ReadmeMatchesArchetypeTest {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path TEMPLATES = MODULE.resolve("src/main/resources/archetype-resources");
  private static final Path README = MODULE.resolveSibling("README.md");

  @Test
  void theReadmePomIsTheGeneratedPomFromDependencyManagementToBuild() throws Exception {
    String pom = render(Files.readString(TEMPLATES.resolve("pom.xml")));
    String generated =
        pom.substring(pom.indexOf("<dependencyManagement>"), pom.indexOf("</build>") + 8);
    String shown = fenced(block("archetype-pom"), "xml");

    assertEquals(
        canonical(generated),
        canonical(shown),
        "README.md's pom (between <!-- archetype-pom:start/end -->) differs from "
            + TEMPLATES.resolve("pom.xml")
            + ": update the README");
  }

  @Test
  void theReadmeTestIsTheGeneratedTest() throws Exception {
    String test = render(Files.readString(TEMPLATES.resolve("src/test/java/TextJobsTest.java")));
    assertEquals(test.strip(), fenced(block("archetype-test"), "java").strip());
  }

  @Test
  void theGeneratedPomImportsTheBomOfThisVersion() throws Exception {
    String pom = Files.readString(TEMPLATES.resolve("pom.xml"));
    String bom =
        "<artifactId>klio-bom</artifactId>\n        <version>"
            + System.getProperty("klio.version")
            + "</version>";
    assertTrue(
        pom.contains(bom),
        "the archetype's pom must import klio-bom " + System.getProperty("klio.version"));
  }

  /** The template as the README's example project: my-jobs, package com.example.jobs. */
  private static String render(String template) {
    return template
        .replace("${groupId}", "com.example")
        .replace("${artifactId}", "my-jobs")
        .replace("${version}", "1.0-SNAPSHOT")
        .replace("${package}", "com.example.jobs");
  }

  private static String block(String name) throws IOException {
    String readme = Files.readString(README);
    String start = "<!-- " + name + ":start -->";
    String end = "<!-- " + name + ":end -->";
    int from = readme.indexOf(start);
    int to = readme.indexOf(end);
    assertTrue(from >= 0 && to > from, "README.md has no " + start + " ... " + end + " block");
    return readme.substring(from + start.length(), to);
  }

  private static String fenced(String block, String language) {
    String open = "```" + language + "\n";
    int from = block.indexOf(open);
    assertTrue(from >= 0, "no ```" + language + " block in " + block);
    return block.substring(from + open.length(), block.indexOf("```", from + open.length()));
  }

  /** Elements, attributes, trimmed texts and comments, one per line: layout does not count. */
  private static String canonical(String fragment) throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    var document =
        factory
            .newDocumentBuilder()
            .parse(new InputSource(new StringReader("<root>" + fragment + "</root>")));
    List<String> lines = new ArrayList<>();
    walk(document.getDocumentElement(), 0, lines);
    return String.join("\n", lines);
  }

  private static void walk(Node node, int depth, List<String> lines) {
    String indent = "  ".repeat(depth);
    switch (node.getNodeType()) {
      case Node.ELEMENT_NODE -> {
        StringBuilder line = new StringBuilder(indent).append('<').append(node.getNodeName());
        var attributes = node.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
          line.append(' ').append(attributes.item(i));
        }
        lines.add(line.append('>').toString());
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
          walk(child, depth + 1, lines);
        }
      }
      case Node.TEXT_NODE -> {
        String text = node.getNodeValue().strip().replaceAll("\\s+", " ");
        if (!text.isEmpty()) {
          lines.add(indent + text);
        }
      }
      case Node.COMMENT_NODE ->
          lines.add(indent + "<!--" + node.getNodeValue().strip().replaceAll("\\s+", " ") + "-->");
      default -> {}
    }
  }
}

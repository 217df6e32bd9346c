package org.xmppcert.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xmppcert.testing.OpenfireSchemaScripts;

/**
 * Opens the built target/certificatemanager.jar and checks it is what Openfire's PluginManager
 * loads: metadata and logos at the root, the plugin's classes and bundled libraries in lib/, the
 * precompiled pages mapped in web/WEB-INF/web.xml, the bundle in i18n/, and nothing the server
 * already provides (a second copy would clash with, or silently lose to, the server's own).
 */
class PluginJarLayoutIT {

    private static final Path PLUGIN_JAR = Path.of("target", CertificateManagerPlugin.CANONICAL_NAME + ".jar");
    private static final Path WEB_SOURCES = Path.of("web");
    private static final String BUNDLE = "i18n/" + CertificateManagerPlugin.CANONICAL_NAME + "_i18n.properties";

    /** Packages of libraries Openfire ships, and Openfire itself: never bundled. */
    private static final List<String> PROVIDED_PACKAGES = List.of(
            "org/jivesoftware/", "org/bouncycastle/", "org/slf4j/", "org/dom4j/", "org/xmpp/",
            "org/eclipse/jetty/", "org/apache/taglibs/", "javax/servlet/", "com/google/common/",
            "org/apache/logging/");

    private static ZipFile plugin;

    @BeforeAll
    static void openPlugin() throws IOException {
        assertTrue(Files.isRegularFile(PLUGIN_JAR), PLUGIN_JAR + " is built by `mvn package`");
        plugin = new ZipFile(PLUGIN_JAR.toFile());
    }

    @AfterAll
    static void closePlugin() throws IOException {
        plugin.close();
    }

    @Test
    void hasTheFilesOpenfireReadsAtTheRoot() {
        for (String name : List.of("plugin.xml", "readme.html", "changelog.html", "logo_small.png",
                "logo_large.png", BUNDLE, "web/WEB-INF/web.xml")) {
            assertNotNull(plugin.getEntry(name), name);
        }
    }

    @Test
    void pluginXmlDescribesThePluginWithItsBuildVersion() throws Exception {
        Document pluginXml = xml(read("plugin.xml"));
        XPath xpath = XPathFactory.newInstance().newXPath();

        assertEquals(CertificateManagerPlugin.class.getName(), xpath.evaluate("/plugin/class", pluginXml));
        assertEquals(CertificateManagerPlugin.CANONICAL_NAME, xpath.evaluate("/plugin/name", pluginXml),
                "Openfire removes the plugin's system properties by this name");
        assertEquals(System.getProperty("project.version"), xpath.evaluate("/plugin/version", pluginXml));
        String description = xpath.evaluate("/plugin/description", pluginXml);
        assertFalse(description.isBlank() || description.contains("${"), description);
        assertFalse(xpath.evaluate("/plugin/author", pluginXml).isBlank());
        assertEquals("5.0.0", xpath.evaluate("/plugin/minServerVersion", pluginXml));
        assertEquals("17", xpath.evaluate("/plugin/minJavaVersion", pluginXml));
        assertEquals("true", xpath.evaluate("/plugin/csrfProtectionEnabled", pluginXml));
        assertEquals(CertificateManagerPlugin.CANONICAL_NAME, xpath.evaluate("/plugin/databaseKey", pluginXml),
                "the schema scripts are named after the database key");
        assertEquals("1", xpath.evaluate("/plugin/databaseVersion", pluginXml));

        String sidebar = "/plugin/adminconsole/tab[@id='tab-server']/sidebar[@id='sidebar-certificates']";
        assertEquals("", xpath.evaluate(sidebar + "/@name", pluginXml), "Openfire's own label must stay");
        assertEquals("", xpath.evaluate("/plugin/adminconsole/tab[@id='tab-server']/@name", pluginXml));
        String item = sidebar + "/item[@id='certificatemanager-status']";
        assertEquals("certificates.jsp", xpath.evaluate(item + "/@url", pluginXml));
        assertTrue(xpath.evaluate(item + "/@name", pluginXml).startsWith("${"), "name comes from i18n");
        assertTrue(xpath.evaluate(item + "/@description", pluginXml).startsWith("${"), "description from i18n");
        // The decorator highlights the menu item whose id the page names as its pageID.
        assertTrue(Files.readString(WEB_SOURCES.resolve("certificates.jsp"))
                .contains("<meta name=\"pageID\" content=\"certificatemanager-status\"/>"));
    }

    @Test
    void libHoldsThePluginAndOnlyTheLibrariesOpenfireLacks() throws IOException {
        List<String> libraries = entries().stream()
                .filter(name -> name.startsWith("lib/") && !name.equals("lib/"))
                .map(name -> name.substring("lib/".length()).replaceAll("-[0-9][^/]*\\.jar$", ""))
                .sorted()
                .toList();

        assertEquals(List.of("acme4j-client", "certificatemanager", "dnsjava", "jose4j"), libraries);
    }

    @Test
    void nothingOpenfireProvidesIsInside() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (String name : entries()) {
            PROVIDED_PACKAGES.stream().filter(name::startsWith).forEach(pkg -> offenders.add(name));
            if (name.startsWith("lib/") && name.endsWith(".jar")) {
                for (String inner : jarEntries(name)) {
                    PROVIDED_PACKAGES.stream().filter(inner::startsWith).forEach(pkg -> offenders.add(name + "!" + inner));
                }
            }
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void thePluginJarHoldsItsClassesAndTheCompiledPages() throws IOException {
        List<String> classes = jarEntries(pluginLibrary());

        assertTrue(classes.contains("org/xmppcert/openfire/CertificateManagerPlugin.class"));
        assertTrue(classes.contains("org/xmppcert/openfire/jsp/certificates_jsp.class"));
    }

    @Test
    void webXmlMapsEveryPageInTheWebDirectory() throws Exception {
        Document webXml = xml(read("web/WEB-INF/web.xml"));
        XPath xpath = XPathFactory.newInstance().newXPath();
        Map<String, String> servletByUrl = new HashMap<>();
        NodeList mappings = (NodeList) xpath.evaluate("//*[local-name()='servlet-mapping']", webXml,
                XPathConstants.NODESET);
        for (int i = 0; i < mappings.getLength(); i++) {
            servletByUrl.put(xpath.evaluate("*[local-name()='url-pattern']", mappings.item(i)),
                    xpath.evaluate("*[local-name()='servlet-name']", mappings.item(i)));
        }
        List<String> compiled = jarEntries(pluginLibrary());

        List<String> pages = pages();
        assertFalse(pages.isEmpty());
        assertEquals(List.of(), entries().stream().filter(name -> name.endsWith(".jsp")).toList(),
                "pages are shipped compiled, not as source");
        for (String page : pages) {
            String servlet = servletByUrl.get("/" + page);
            assertNotNull(servlet, page + " is not mapped");
            String servletClass = xpath.evaluate("//*[local-name()='servlet'][*[local-name()='servlet-name']='"
                    + servlet + "']/*[local-name()='servlet-class']", webXml);
            assertTrue(compiled.contains(servletClass.replace('.', '/') + ".class"), servletClass);
        }
    }

    /** Openfire's SchemaManager reads database/&lt;databaseKey&gt;_&lt;type&gt;.sql from the extracted plugin. */
    @Test
    void databaseHoldsTheSchemaScriptForEveryDatabaseOpenfireRecognises() throws IOException {
        List<String> scripts = entries().stream()
                .filter(name -> name.startsWith("database/") && name.endsWith(".sql"))
                .sorted()
                .toList();

        assertEquals(OpenfireSchemaScripts.DATABASE_TYPES.stream()
                .map(type -> "database/" + CertificateManagerPlugin.CANONICAL_NAME + "_" + type + ".sql")
                .toList(), scripts);
        for (String script : scripts) {
            assertEquals(Files.readString(Path.of(script)), read(script), script + " is packaged unfiltered");
        }
    }

    @Test
    void logosHaveTheSizesOpenfireShows() throws IOException {
        assertSize("logo_small.png", 16);
        assertSize("logo_large.png", 32);
    }

    @Test
    void everyMessageKeyInPluginXmlAndThePagesIsInTheBundle() throws IOException {
        Properties bundle = new Properties();
        bundle.load(new StringReader(read(BUNDLE)));
        Set<String> used = new TreeSet<>(matches(Pattern.compile("\\$\\{([^}]+)}"), read("plugin.xml")));
        for (String page : pages()) {
            // A key computed from a value (settings.ca.${preset}) is checked per value by ConsoleBundlesTest.
            matches(Pattern.compile("<fmt:message\\s+key=\"([^\"]+)\""), Files.readString(WEB_SOURCES.resolve(page)))
                    .stream().filter(key -> !key.contains("${")).forEach(used::add);
        }
        used.add("system_property." + CertificateManagerPlugin.EXPIRY_WARNING_PROPERTY);
        assertTrue(used.size() > 3, "keys found: " + used);

        assertEquals(List.of(), used.stream().filter(key -> !bundle.containsKey(key)).toList());
    }

    private static void assertSize(String logo, int size) throws IOException {
        try (InputStream in = plugin.getInputStream(plugin.getEntry(logo))) {
            BufferedImage image = ImageIO.read(in);
            assertNotNull(image, logo + " is not a readable image");
            assertEquals(size, image.getWidth(), logo);
            assertEquals(size, image.getHeight(), logo);
        }
    }

    /** The pages under web/, relative to it, as Openfire serves them. */
    private static List<String> pages() throws IOException {
        try (Stream<Path> files = Files.walk(WEB_SOURCES)) {
            return files.filter(file -> file.toString().endsWith(".jsp"))
                    .map(file -> WEB_SOURCES.relativize(file).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static String pluginLibrary() throws IOException {
        return entries().stream()
                .filter(name -> name.matches("lib/" + CertificateManagerPlugin.CANONICAL_NAME + "-[0-9].*\\.jar"))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> entries() {
        return plugin.stream().map(ZipEntry::getName).toList();
    }

    private static List<String> jarEntries(String library) throws IOException {
        List<String> names = new ArrayList<>();
        try (JarInputStream jar = new JarInputStream(plugin.getInputStream(plugin.getEntry(library)))) {
            for (JarEntry entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    private static String read(String name) throws IOException {
        ZipEntry entry = plugin.getEntry(name);
        if (entry == null) {
            return null;
        }
        try (InputStream in = plugin.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Document xml(String text) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new ByteArrayInputStream(
                text.getBytes(StandardCharsets.UTF_8))));
    }
}

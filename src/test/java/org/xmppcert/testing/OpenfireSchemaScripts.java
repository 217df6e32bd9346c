package org.xmppcert.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;

/**
 * Runs the plugin's schema scripts the way Openfire's SchemaManager does at plugin load, so a script
 * that works here works there: the version is read from ofVersion by the plugin's databaseKey, and
 * only when no row exists is database/&lt;key&gt;_&lt;type&gt;.sql executed, statement by statement
 * as Openfire's reader cuts it up:
 * <ul>
 *     <li>blank lines and lines starting with {@code //}, {@code --}, {@code #}, {@code REM},
 *     {@code /*} or {@code *} are left out (so a comment after SQL on the same line is sent along,
 *     and swallows the rest of the statement);</li>
 *     <li>a statement ends with the first line, comment or not, whose trimmed text ends in {@code ;};
 *     the lines are joined with a space;</li>
 *     <li>text after the last such line is never executed;</li>
 *     <li>for Oracle and DB2 the statement's last character is cut off, meant to be the semicolon.</li>
 * </ul>
 */
public final class OpenfireSchemaScripts {

    public static final Path DATABASE_DIRECTORY = Path.of("database");

    /**
     * Every value of Openfire's DbConnectionManager.DatabaseType that names a database (5.1 and later;
     * 5.0 knows a subset). SchemaManager looks for a script named after the one the server runs on.
     */
    public static final List<String> DATABASE_TYPES = List.of("cockroachdb", "db2", "firebird", "hsqldb", "mariadb",
            "mysql", "oracle", "postgresql", "sqlserver");
    private static final Path PLUGIN_XML = Path.of("plugin.xml");

    /** What Openfire's own schema has created before any plugin loads. */
    private static final String VERSION_TABLE = "CREATE TABLE ofVersion (name VARCHAR(50) NOT NULL, "
            + "version INTEGER NOT NULL, CONSTRAINT ofVersion_pk PRIMARY KEY (name))";

    private OpenfireSchemaScripts() {
    }

    /** The statements Openfire sends, and the text it leaves unexecuted at the end. */
    public record Split(List<String> statements, String unterminated) {
    }

    public static Split split(String script, String databaseType) {
        List<String> statements = new ArrayList<>();
        StringBuilder command = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new StringReader(script))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (isCommandPart(line)) {
                    command.append(' ').append(line);
                }
                if (line.trim().endsWith(";")) {
                    if (!command.isEmpty()) {
                        if (databaseType.equals("oracle") || databaseType.equals("db2")) {
                            command.deleteCharAt(command.length() - 1);
                        }
                        statements.add(command.toString());
                    }
                    command.setLength(0);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Split(statements, command.toString().trim());
    }

    private static boolean isCommandPart(String line) {
        String trimmed = line.trim();
        return !trimmed.isEmpty() && !(trimmed.startsWith("//") || trimmed.startsWith("--") || trimmed.startsWith("#")
                || trimmed.startsWith("REM") || trimmed.startsWith("/*") || trimmed.startsWith("*"));
    }

    public static Path installScript(String databaseType) {
        return DATABASE_DIRECTORY.resolve(databaseKey() + "_" + databaseType + ".sql");
    }

    /**
     * Creates Openfire's ofVersion table, then loads the plugin schema as Openfire would.
     *
     * @return the schema version recorded afterwards
     */
    public static int installOnFreshServer(Connection connection, String databaseType) throws SQLException, IOException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(VERSION_TABLE);
        }
        return load(connection, databaseType);
    }

    /** What SchemaManager does for a plugin whose schema is missing: run the install script. */
    public static int load(Connection connection, String databaseType) throws SQLException, IOException {
        if (installedVersion(connection) == -1) {
            String script = Files.readString(installScript(databaseType), StandardCharsets.UTF_8);
            for (String sql : split(script, databaseType).statements()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(sql);
                }
            }
        }
        return installedVersion(connection);
    }

    public static int installedVersion(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT version FROM ofVersion WHERE name=?")) {
            query.setString(1, databaseKey());
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getInt(1) : -1;
            }
        }
    }

    public static String databaseKey() {
        return pluginXml("/plugin/databaseKey");
    }

    public static int databaseVersion() {
        return Integer.parseInt(pluginXml("/plugin/databaseVersion"));
    }

    private static String pluginXml(String path) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(PLUGIN_XML.toFile());
            return XPathFactory.newInstance().newXPath().evaluate(path, document).trim();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + path + " from " + PLUGIN_XML, e);
        }
    }
}

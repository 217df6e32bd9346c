package org.xmppcert.openfire.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xmppcert.testing.OpenfireSchemaScripts;

/**
 * The install scripts for databases the tests cannot start (Oracle, SQL Server, MySQL, ...) are
 * checked against the way Openfire reads them, and against the HSQLDB script the stores are tested
 * on: same tables, same columns, same nullability, names Oracle accepts.
 */
class PluginSchemaScriptsTest {

    private static final Pattern CREATE_TABLE = Pattern.compile("CREATE TABLE (\\w+)\\s*\\((.*)\\)\\s*;?",
            Pattern.DOTALL);
    private static final Pattern CREATE_INDEX = Pattern.compile("CREATE INDEX (\\w+) ON (\\w+) \\(([^)]*)\\)\\s*;?");
    private static final int ORACLE_IDENTIFIER_LIMIT = 30;

    @Test
    void thereIsAnInstallScriptForEveryDatabaseOpenfireRecognisesAndNoOther() throws IOException {
        List<String> scripts;
        try (Stream<Path> files = Files.list(OpenfireSchemaScripts.DATABASE_DIRECTORY)) {
            scripts = files.filter(Files::isRegularFile).map(file -> file.getFileName().toString()).sorted().toList();
        }

        assertEquals(OpenfireSchemaScripts.DATABASE_TYPES.stream().map(type -> OpenfireSchemaScripts.installScript(type).getFileName().toString())
                .toList(), scripts);
    }

    @ParameterizedTest
    @MethodSource("databaseTypes")
    void everyStatementReachesTheDatabaseWhole(String type) throws IOException {
        OpenfireSchemaScripts.Split split = OpenfireSchemaScripts.split(script(type), type);

        assertEquals("", split.unterminated(), "text after the last semicolon is never run");
        for (String statement : split.statements()) {
            String sql = statement.trim();
            assertTrue(sql.startsWith("CREATE TABLE ") || sql.startsWith("CREATE INDEX ") || sql.startsWith("INSERT INTO "),
                    "a comment ending in a semicolon cut a statement short: " + sql);
            assertFalse(sql.contains("--") || sql.contains("/*"), "a trailing comment hides the rest of: " + sql);
            assertEquals(count(sql, '('), count(sql, ')'), "unbalanced: " + sql);
            // Openfire cuts the last character for Oracle and DB2: it must be the semicolon, not a space.
            boolean semicolonCut = type.equals("oracle") || type.equals("db2");
            assertEquals(!semicolonCut, sql.endsWith(";"), sql);
            assertFalse(sql.endsWith(";;") || (semicolonCut && statement.endsWith(" ")), sql);
        }
    }

    @ParameterizedTest
    @MethodSource("databaseTypes")
    void theLastStatementRecordsTheSchemaVersionPluginXmlDeclares(String type) throws IOException {
        List<String> statements = OpenfireSchemaScripts.split(script(type), type).statements();

        assertEquals("INSERT INTO ofVersion (name, version) VALUES ('" + OpenfireSchemaScripts.databaseKey() + "', "
                + OpenfireSchemaScripts.databaseVersion() + ")", statements.get(statements.size() - 1).trim()
                .replaceAll(";$", ""));
    }

    @ParameterizedTest
    @MethodSource("databaseTypes")
    void everyScriptCreatesTheTablesColumnsAndIndexesTheStoresAreTestedOn(String type) throws IOException {
        assertEquals(schema("hsqldb"), schema(type));
    }

    @ParameterizedTest
    @MethodSource("databaseTypes")
    void everyNameFitsOraclesThirtyCharacters(String type) throws IOException {
        Matcher identifiers = Pattern.compile("(?:TABLE|CONSTRAINT|INDEX)\\s+(\\w+)").matcher(script(type));
        List<String> tooLong = new ArrayList<>();
        while (identifiers.find()) {
            if (identifiers.group(1).length() > ORACLE_IDENTIFIER_LIMIT) {
                tooLong.add(identifiers.group(1));
            }
        }
        for (List<String> columns : schema(type).values()) {
            columns.stream().map(column -> column.split(" ")[0]).filter(name -> name.length() > ORACLE_IDENTIFIER_LIMIT)
                    .forEach(tooLong::add);
        }
        assertEquals(List.of(), tooLong);
    }

    /**
     * Openfire upgrades an installed schema by running upgrade/&lt;n&gt;/ for each version after the
     * installed one; a version without a script for the server's database is silently skipped.
     */
    @Test
    void everyUpgradeUpToTheDeclaredVersionHasAScriptForEveryDatabaseAndRecordsItsVersion() throws IOException {
        Path upgrades = OpenfireSchemaScripts.DATABASE_DIRECTORY.resolve("upgrade");
        List<Integer> versions = new ArrayList<>();
        if (Files.isDirectory(upgrades)) {
            try (Stream<Path> directories = Files.list(upgrades)) {
                directories.map(directory -> Integer.parseInt(directory.getFileName().toString())).sorted()
                        .forEach(versions::add);
            }
        }
        List<Integer> expected = new ArrayList<>();
        for (int version = 2; version <= OpenfireSchemaScripts.databaseVersion(); version++) {
            expected.add(version);
        }
        assertEquals(expected, versions, "upgrade directories");
        for (int version : versions) {
            for (String type : OpenfireSchemaScripts.DATABASE_TYPES) {
                Path script = upgrades.resolve(String.valueOf(version))
                        .resolve(OpenfireSchemaScripts.databaseKey() + "_" + type + ".sql");
                List<String> statements = OpenfireSchemaScripts.split(Files.readString(script), type).statements();
                assertEquals("UPDATE ofVersion SET version = " + version + " WHERE name = '"
                        + OpenfireSchemaScripts.databaseKey() + "'", statements.get(statements.size() - 1).trim()
                        .replaceAll(";$", ""), script.toString());
            }
        }
    }

    static List<String> databaseTypes() {
        return OpenfireSchemaScripts.DATABASE_TYPES;
    }

    private static String script(String type) throws IOException {
        return Files.readString(OpenfireSchemaScripts.installScript(type), StandardCharsets.UTF_8);
    }

    /** Each table with its columns ("name NOT NULL" or "name NULL") and indexes, in script order. */
    private static Map<String, List<String>> schema(String type) throws IOException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String statement : OpenfireSchemaScripts.split(script(type), type).statements()) {
            String sql = statement.trim();
            Matcher table = CREATE_TABLE.matcher(sql);
            Matcher index = CREATE_INDEX.matcher(sql);
            if (table.matches()) {
                List<String> columns = new ArrayList<>();
                for (String definition : topLevelParts(table.group(2))) {
                    String[] words = definition.trim().split("\\s+");
                    if (words[0].equalsIgnoreCase("CONSTRAINT")) {
                        columns.add(definition.trim().replaceAll("\\s+", " "));
                    } else {
                        columns.add(words[0] + (definition.toUpperCase(Locale.ROOT).contains("NOT NULL") ? " NOT NULL" : " NULL"));
                    }
                }
                tables.put(table.group(1), columns);
            } else if (index.matches()) {
                tables.get(index.group(2)).add("INDEX " + index.group(1) + " (" + index.group(3) + ")");
            }
        }
        return tables;
    }

    private static List<String> topLevelParts(String body) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(body.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(body.substring(start));
        return parts;
    }

    private static long count(String text, char c) {
        return text.chars().filter(ch -> ch == c).count();
    }
}

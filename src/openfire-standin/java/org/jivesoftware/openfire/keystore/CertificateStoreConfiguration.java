package org.jivesoftware.openfire.keystore;

import java.io.File;
import java.util.Arrays;
import java.util.Objects;

/**
 * Stand-in for Openfire's store configuration. Working value semantics, because Openfire keys its
 * stores by this equality (type, file, password, backup directory) and the plugin deduplicates by it.
 */
public class CertificateStoreConfiguration {

    protected final String type;
    protected final File file;
    protected final char[] password;
    protected final File backupDirectory;

    public CertificateStoreConfiguration(String type, File file, char[] password, File backupDirectory) {
        this.type = type;
        this.file = file;
        this.password = password;
        this.backupDirectory = backupDirectory;
    }

    public String getType() {
        return type;
    }

    public File getFile() {
        return file;
    }

    public char[] getPassword() {
        return password;
    }

    public File getBackupDirectory() {
        return backupDirectory;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        CertificateStoreConfiguration that = (CertificateStoreConfiguration) o;
        return Objects.equals(type, that.type) && Objects.equals(file, that.file)
                && Arrays.equals(password, that.password) && Objects.equals(backupDirectory, that.backupDirectory);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(type, file, backupDirectory) + Arrays.hashCode(password);
    }
}

package org.xmppcert.openfire.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.xmppcert.testing.TestPki;

class CertificateBundleTest {

    private final TestPki pki = new TestPki("Test CA");

    @Test
    void aKeyThatDoesNotBelongToTheLeafIsRefusedBeforeAnythingIsInstalled() {
        TestPki.Issued one = pki.issue("example.org");
        TestPki.Issued other = pki.issue("example.org");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> CertificateBundle.of(other.key(), one.chain()));
        assertTrue(refused.getMessage().contains("does not belong"), refused.getMessage());
    }

    @Test
    void keepsTheChainLeafFirstAndNeverPrintsTheKey() {
        TestPki.Issued issued = pki.issue("example.org");

        CertificateBundle bundle = CertificateBundle.of(issued.key(), issued.chain());

        assertEquals(issued.leaf(), bundle.leaf());
        assertEquals(2, bundle.chain().size());
        assertFalse(bundle.toString().contains("PRIVATE"));
        assertThrows(IllegalArgumentException.class, () -> CertificateBundle.of(issued.key(), List.of()));
    }
}

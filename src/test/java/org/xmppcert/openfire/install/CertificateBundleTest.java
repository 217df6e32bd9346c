package org.xmppcert.openfire.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xmppcert.testing.TestCertificateAuthority;

class CertificateBundleTest {

    private final TestCertificateAuthority ca = TestCertificateAuthority.create("Test", Instant.now());

    @Test
    void aKeyThatDoesNotBelongToTheLeafIsRefusedBeforeAnythingIsInstalled() {
        TestCertificateAuthority.Issued one = ca.issueWithNewKey("example.org");
        TestCertificateAuthority.Issued other = ca.issueWithNewKey("example.org");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> CertificateBundle.of(other.key(), one.chain()));
        assertTrue(refused.getMessage().contains("does not belong"), refused.getMessage());
    }

    @Test
    void keepsTheChainLeafFirstAndNeverPrintsTheKey() {
        TestCertificateAuthority.Issued issued = ca.issueWithNewKey("example.org");

        CertificateBundle bundle = CertificateBundle.of(issued.key(), issued.chain());

        assertEquals(issued.leaf(), bundle.leaf());
        assertEquals(2, bundle.chain().size());
        assertFalse(bundle.toString().contains("PRIVATE"));
        assertThrows(IllegalArgumentException.class, () -> CertificateBundle.of(issued.key(), List.of()));
    }
}

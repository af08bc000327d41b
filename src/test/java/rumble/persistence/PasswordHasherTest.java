package rumble.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private static final PasswordHasher HASHER = new PasswordHasher(10);

  @Test
  void theRightPasswordVerifiesAndAWrongOneDoesNot() {
    String hash = HASHER.hash("correct horse");

    assertTrue(hash.startsWith("$2a$10$"), hash);
    assertTrue(HASHER.verify("correct horse", hash));
    assertFalse(HASHER.verify("correct horsE", hash));
    assertFalse(HASHER.verify("", hash));
    assertFalse(HASHER.verify(null, hash));
  }

  @Test
  void nonAsciiPasswordsRoundTrip() {
    String hash = HASHER.hash("pässwörd-密码-🔑");
    assertTrue(HASHER.verify("pässwörd-密码-🔑", hash));
    assertFalse(HASHER.verify("passwort-密码-🔑", hash));
  }

  @Test
  void theSamePasswordHashesDifferentlyEachTime() {
    assertNotEquals(HASHER.hash("same password"), HASHER.hash("same password"));
  }

  @Test
  void hashesMadeByOtherBcryptImplementationsVerify() {
    // Published $2a$ test vectors (OpenBSD / jBCrypt), the format Go's x/crypto also writes, so
    // accounts exported from the original server keep working.
    assertTrue(HASHER.verify("abc",
        "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i"));
    assertTrue(HASHER.verify("a", "$2a$06$m0CrhHm10qJ3lXRY.5zDGO3rS2KdeeWLuGmsfGlMfOxih58VYVfxe"));
    assertFalse(HASHER.verify("b", "$2a$06$m0CrhHm10qJ3lXRY.5zDGO3rS2KdeeWLuGmsfGlMfOxih58VYVfxe"));
  }

  @Test
  void malformedHashesAreAWrongPasswordNotACrash() {
    assertFalse(HASHER.verify("password", ""));
    assertFalse(HASHER.verify("password", "not a hash"));
    assertFalse(HASHER.verify("password", "$2a$10$tooShort"));
    assertFalse(HASHER.verify("password", "$9z$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"));
    assertFalse(HASHER.verify("password", null));
  }

  @Test
  void passwordsOverBcryptsLimitAreRefusedNotTruncated() {
    String seventyTwo = "x".repeat(72);
    String hash = HASHER.hash(seventyTwo);
    assertTrue(HASHER.verify(seventyTwo, hash));
    assertFalse(HASHER.verify(seventyTwo + "y", hash), "a longer password is not the same one");
    assertThrows(IllegalArgumentException.class, () -> HASHER.hash("x".repeat(73)));
  }

  @Test
  void theDummyHashIsARealHashThatNoUsualPasswordMatches() {
    String dummy = HASHER.dummyHash();
    assertEquals(60, dummy.length());
    assertTrue(dummy.startsWith("$2a$10$"), "same cost, so it takes as long as a real check");
    assertFalse(HASHER.verify("password", dummy));
    assertFalse(HASHER.verify("", dummy));
    assertEquals(dummy, HASHER.dummyHash(), "made once, not per call");
  }

  @Test
  void costsBelowTenAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(9));
    assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(4));
    assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(32));
    assertEquals(10, HASHER.cost());
  }
}

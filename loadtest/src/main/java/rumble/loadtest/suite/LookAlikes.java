package rumble.loadtest.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;

/**
 * Names that look like a registered one ("alpha…"): Cyrillic and Greek letters, fullwidth forms,
 * invisible joiners and combining marks. Each must be refused both for a new registration and as
 * a guest's nickname, for whatever reason the server gives (taken, or characters not allowed).
 */
final class LookAlikes {

  private static final String TAKEN = "User already exists";
  private static final String GUEST_TAKEN = "That nickname belongs to a registered player - log in or pick another";

  private final AccountsSuite suite;

  LookAlikes(AccountsSuite suite) {
    this.suite = suite;
  }

  void run(SuiteReport report) throws Exception {
    List<String> accepted = new ArrayList<>();
    int refused = 0;
    Map<String, String> variants;
    try (SuitePlayer owner = suite.client(suite.newAddress())) {
      String name = suite.registerFresh(owner, "alpha", "the real alpha");
      variants = variantsOf(name);
    }
    suite.target().progress("accounts: %d look-alikes of a registered name", variants.size());
    for (Map.Entry<String, String> variant : variants.entrySet()) {
      try (SuitePlayer impostor = suite.client(suite.newAddress())) {
        Packet registered = suite.registerAsTold(impostor, variant.getValue(), "impostor's password");
        if (refusedAs(registered, TAKEN, "Invalid username")) {
          refused++;
        } else {
          accepted.add("registered " + variant.getKey() + ": " + registered.getMsgCase() + " " + reason(registered));
        }
        impostor.guest(variant.getValue(), 0x33AA66FF);
        Packet guest = impostor.await(ProtocolClient.WAIT);
        if (refusedAs(guest, GUEST_TAKEN, "Invalid nickname")) {
          refused++;
        } else {
          accepted.add("guest " + variant.getKey() + ": " + guest.getMsgCase() + " " + reason(guest));
        }
      }
    }
    int total = 2 * variants.size();
    report.figure("look-alikes refused / tried", "", refused + " / " + total);
    report.check("look-alike names are refused for registration and as guest names", accepted.isEmpty(),
        accepted.isEmpty() ? refused + " of " + total : accepted);
  }

  /** Refused because the name is taken, or because of a character rule ("Invalid …: …"). */
  private static boolean refusedAs(Packet answer, String taken, String invalid) {
    String reason = reason(answer);
    return answer.getMsgCase() == MsgCase.DENY_RESPONSE && (reason.equals(taken) || reason.startsWith(invalid));
  }

  private static String reason(Packet answer) {
    return answer.getDenyResponse().getReason();
  }

  /** Look-alikes of {@code name}, which starts with "alpha" and goes on in lower-case ASCII letters. */
  static Map<String, String> variantsOf(String name) {
    String rest = name.substring("alpha".length());
    return Map.ofEntries(
        Map.entry("Cyrillic a", "\u0430lpha" + rest),
        Map.entry("Cyrillic a, r for p", "\u0430l\u0440h\u0430" + rest),
        Map.entry("fullwidth", fullwidth(name)),
        Map.entry("Greek capital alpha", "\u0391LPHA" + rest.toUpperCase()),
        Map.entry("Greek capitals", "\u0391L\u03A1\u0397\u0391" + rest.toUpperCase()),
        Map.entry("upper case", name.toUpperCase()),
        Map.entry("zero-width joiner", "al\u200Dpha" + rest),
        Map.entry("zero-width space", "alp\u200Bha" + rest),
        Map.entry("soft hyphen", "alp\u00ADha" + rest),
        Map.entry("combining grapheme joiner", "al\u034Fpha" + rest),
        Map.entry("variation selector", "alpha\uFE0F" + rest));
  }

  /** ASCII letters as their fullwidth forms (U+FF01 on): "ａｌｐｈａ". */
  private static String fullwidth(String ascii) {
    StringBuilder wide = new StringBuilder();
    ascii.chars().forEach(c -> wide.append((char) (c + 0xFEE0)));
    return wide.toString();
  }
}

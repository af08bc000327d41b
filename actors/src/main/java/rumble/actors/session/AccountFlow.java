package rumble.actors.session;

import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import rumble.actors.account.AccountService;
import rumble.actors.account.LoginBackoff;
import rumble.actors.account.SessionRegistry;
import rumble.persistence.Account;
import rumble.persistence.AccountRules;
import rumble.protocol.Packet;
import rumble.protocol.RegisterRequestMessage;

/**
 * A session's account flow: login (with back-off), guest login, registration and the hiscore board,
 * and who the player is once in. Owned by one {@link PlayerSession} and called only from its
 * message handlers; not thread-safe.
 *
 * <p>Policy: at most one request at a time ({@link #busy()}), which also bounds the password
 * hashing a single client can cause. Futures never touch this state: their results come back to
 * the actor as {@code pipeToSelf} messages, which the actor hands to the {@code onX} methods here.
 */
final class AccountFlow {

  static final String WRONG_LOGIN = "Incorrect username or password";
  static final String REGISTER_FAILED = "Failed to register user (internal server error) - please try again later";
  static final String HISCORES_FAILED = "Failed to get top scores - please try again later";
  static final String SERVER_BUSY = "Server busy, try again in a moment";
  static final String NO_SUCH_PLAYER = "No player found with that name";
  static final String GUEST_NAME_TAKEN = "That nickname belongs to a registered player - log in or pick another";

  private final ActorContext<PlayerSession.Command> context;
  private final TimerScheduler<PlayerSession.Command> timers;
  private final SessionServices services;
  private final long clientId;
  private final String remoteAddress;
  private final SessionHost host;
  /** How the registry knows this session: told TakenOver, it closes the session (made once, at setup). */
  private final ActorRef<SessionRegistry.TakenOver> accountHolder;
  private boolean busy;
  private Account account;
  private String playerName;
  private int playerColor;

  AccountFlow(ActorContext<PlayerSession.Command> context, TimerScheduler<PlayerSession.Command> timers,
      SessionServices services, long clientId, String remoteAddress, SessionHost host) {
    this.context = context;
    this.timers = timers;
    this.services = services;
    this.clientId = clientId;
    this.remoteAddress = remoteAddress;
    this.host = host;
    this.accountHolder = context.messageAdapter(SessionRegistry.TakenOver.class,
        taken -> new PlayerSession.Kick(SessionRegistry.TAKEN_OVER));
  }

  /** A request is being answered asynchronously; another one must not overtake it. */
  boolean busy() {
    return busy;
  }

  /** The logged-in account; null for a guest or before login. */
  Account account() {
    return account;
  }

  String playerName() {
    return playerName;
  }

  int playerColor() {
    return playerColor;
  }

  // --- login ---

  /**
   * Earlier failures make the attempt wait before its password is checked (growing delays, never a
   * lockout); only an address that has spent its failures on other accounts is refused for seconds.
   */
  void onLoginRequest(Packet packet) {
    String username = packet.getLoginRequest().getUsername();
    String password = packet.getLoginRequest().getPassword();
    LoginBackoff.Decision decision = services.limits().logins().beforeAttempt(username, remoteAddress);
    if (decision instanceof LoginBackoff.Refuse refuse) {
      services.metrics().rejected("login_throttled");
      host.deny("Too many failed login attempts - try again in " + seconds(refuse.retryAfter()) + " s");
      return;
    }
    busy = true;
    Duration delay = ((LoginBackoff.Proceed) decision).delay();
    if (delay.isZero()) {
      onVerifyLogin(new PlayerSession.VerifyLogin(username, password));
    } else {
      services.metrics().loginDelayed();
      timers.startSingleTimer(new PlayerSession.VerifyLogin(username, password), delay);
    }
  }

  void onVerifyLogin(PlayerSession.VerifyLogin verify) {
    if (host.closing()) {
      return;
    }
    context.pipeToSelf(services.accounts().login(verify.username(), verify.password()),
        (result, failure) -> new PlayerSession.LoginFinished(verify.username(), result, failure));
  }

  void onLoginFinished(PlayerSession.LoginFinished finished) {
    if (finished.failure() != null) {
      busy = false;
      context.getLog().error("Login failed internally", finished.failure());
      host.deny(WRONG_LOGIN);
    } else if (finished.result() instanceof AccountService.LoggedIn loggedIn) {
      services.limits().logins().recordSuccess(finished.username(), remoteAddress);
      // Still busy: the registry must first end any other session of this account.
      context.ask(SessionRegistry.Claimed.class, services.registry(), Duration.ofSeconds(5),
          replyTo -> new SessionRegistry.Claim(loggedIn.account().userId(), accountHolder, replyTo),
          (claimed, failure) -> new PlayerSession.Claimed(loggedIn.account()));
    } else if (finished.result() == AccountService.ServerBusy.INSTANCE) {
      busy = false;
      host.deny(SERVER_BUSY);
    } else {
      busy = false;
      services.limits().logins().recordFailure(finished.username(), remoteAddress);
      services.metrics().rejected("login_failed");
      host.deny(WRONG_LOGIN);
    }
  }

  void onClaimed(PlayerSession.Claimed claimed) {
    busy = false;
    if (host.closing() || host.phase() != PlayerSession.Phase.CONNECTED) {
      return;
    }
    account = claimed.account();
    playerIn(account.name(), account.color());
  }

  /** Drops the account (and its claim in the registry); the session goes back to CONNECTED. */
  void onLogout() {
    if (account != null) {
      services.registry().tell(new SessionRegistry.Release(account.userId(), accountHolder));
    }
    account = null;
  }

  // --- guests ---

  /**
   * Plays without an account: same name rules as registration, nothing is saved, and a registered
   * player's name is refused so nobody can chat or top the leaderboard as someone else.
   */
  void onGuestLogin(Packet packet) {
    String nickname = packet.getGuestLoginRequest().getNickname();
    Optional<String> problem = AccountRules.usernameProblem(nickname);
    if (problem.isPresent()) {
      services.metrics().rejected("guest_invalid");
      host.deny(problem.get().replace("username", "nickname"));
      return;
    }
    busy = true;
    int color = packet.getGuestLoginRequest().getColor();
    context.pipeToSelf(services.accounts().isRegistered(nickname),
        (taken, failure) -> new PlayerSession.GuestNameChecked(nickname, color, taken, failure));
  }

  void onGuestNameChecked(PlayerSession.GuestNameChecked checked) {
    busy = false;
    if (host.closing() || host.phase() != PlayerSession.Phase.CONNECTED) {
      return;
    }
    if (checked.failure() != null || checked.taken()) {
      services.metrics().rejected("guest_name_taken");
      host.deny(checked.failure() != null ? REGISTER_FAILED.replace("register user", "check the nickname")
          : GUEST_NAME_TAKEN);
      return;
    }
    account = null;
    playerIn(checked.nickname(), checked.color());
  }

  /** Asks for a seat before answering, so the room's JoinedRoom can only follow the Ok. */
  private void playerIn(String name, int color) {
    playerName = name;
    playerColor = color;
    host.enter(PlayerSession.Phase.IN_GAME);
    host.send(Packets.ok(clientId), Outbox.Kind.CONTROL);
  }

  // --- registration ---

  void onRegisterRequest(Packet packet) {
    RegisterRequestMessage request = packet.getRegisterRequest();
    Optional<String> problem = AccountRules.usernameProblem(request.getUsername())
        .or(() -> AccountRules.passwordProblem(request.getUsername(), request.getPassword()));
    if (problem.isPresent()) {
      services.metrics().rejected("register_invalid");
      host.deny(problem.get());
      return;
    }
    Duration wait = services.limits().registrations().tryRegister(remoteAddress);
    if (!wait.isZero()) {
      services.metrics().rejected("register_throttled");
      host.deny("Too many registrations from your address - try again in " + seconds(wait) + " s");
      return;
    }
    busy = true;
    context.pipeToSelf(
        services.accounts().register(request.getUsername(), request.getPassword(), request.getColor()),
        PlayerSession.RegisterFinished::new);
  }

  void onRegisterFinished(PlayerSession.RegisterFinished finished) {
    busy = false;
    if (finished.failure() != null) {
      context.getLog().error("Registration failed internally", finished.failure());
      host.deny(REGISTER_FAILED);
    } else if (finished.result() instanceof AccountService.Registered) {
      host.send(Packets.ok(clientId), Outbox.Kind.CONTROL);
    } else if (finished.result() == AccountService.ServerBusy.INSTANCE) {
      host.deny(SERVER_BUSY);
    } else {
      services.metrics().rejected("register_taken");
      host.deny("User already exists");
    }
  }

  // --- hiscores ---

  void onHiscoreBoardRequest() {
    host.enter(PlayerSession.Phase.BROWSING_HISCORES);
    busy = true;
    context.pipeToSelf(services.accounts().topHiscores(services.settings().hiscoreRows()),
        (rows, failure) -> new PlayerSession.HiscoresLoaded(Optional.ofNullable(rows), failure));
  }

  void onSearchHiscore(String name) {
    busy = true;
    context.pipeToSelf(services.accounts().searchHiscores(name, services.settings().hiscoreRows()),
        (rows, failure) -> new PlayerSession.HiscoresLoaded(rows == null ? Optional.empty() : rows, failure));
  }

  void onFinishedBrowsing() {
    host.enter(PlayerSession.Phase.CONNECTED);
  }

  void onHiscoresLoaded(PlayerSession.HiscoresLoaded loaded) {
    busy = false;
    if (host.phase() != PlayerSession.Phase.BROWSING_HISCORES) {
      return; // the client left the board before the answer came
    }
    if (loaded.failure() != null) {
      context.getLog().error("Hiscore query failed", loaded.failure());
      host.deny(HISCORES_FAILED);
    } else if (loaded.rows().isEmpty()) {
      host.deny(NO_SUCH_PLAYER);
    } else {
      host.send(Packets.hiscores(clientId, loaded.rows().get()), Outbox.Kind.CONTROL);
    }
  }

  private static long seconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }
}

package rumble.http;

import java.time.Duration;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.BidiShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.stream.stage.TimerGraphStageLogic;

/**
 * Gives every request head on a connection a deadline, not only the first: from the moment the
 * connection opens, and again whenever the last response has gone out, the next complete request
 * must arrive within {@code timeout}. Otherwise the request side ends, which closes the connection
 * without an error. Pekko's idle timeout restarts on every byte, so without this a client dribbling
 * one header byte every few seconds would hold a keep-alive connection for as long as it liked.
 *
 * <p>No deadline runs while requests are being answered (a slow database is not the client's
 * fault) nor after a 101 response: the connection is a WebSocket then, with deadlines of its own.
 * Wrap the route with {@code BidiFlow.fromGraph(deadline).join(route)}.
 */
final class RequestHeadDeadline
    extends GraphStage<BidiShape<HttpRequest, HttpRequest, HttpResponse, HttpResponse>> {

  private static final String DEADLINE = "request-head";

  private final Inlet<HttpRequest> requestIn = Inlet.create("RequestHeadDeadline.requestIn");
  private final Outlet<HttpRequest> requestOut = Outlet.create("RequestHeadDeadline.requestOut");
  private final Inlet<HttpResponse> responseIn = Inlet.create("RequestHeadDeadline.responseIn");
  private final Outlet<HttpResponse> responseOut = Outlet.create("RequestHeadDeadline.responseOut");
  private final BidiShape<HttpRequest, HttpRequest, HttpResponse, HttpResponse> shape =
      new BidiShape<>(requestIn, requestOut, responseIn, responseOut);

  private final Duration timeout;
  private final Runnable onExpired;

  /**
   * @param onExpired runs when a new connection is closed for never sending a whole first head (a
   *     metric of refused clients); a kept-alive connection closed between requests is not counted,
   *     since an idle browser connection ends that way too
   */
  RequestHeadDeadline(Duration timeout, Runnable onExpired) {
    this.timeout = timeout;
    this.onExpired = onExpired;
  }

  @Override
  public BidiShape<HttpRequest, HttpRequest, HttpResponse, HttpResponse> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes inheritedAttributes) {
    return new TimerGraphStageLogic(shape) {
      /** Requests passed on and not answered yet (more than one when the client pipelines). */
      private int unanswered;
      private boolean anyRequest;
      private boolean upgraded;

      {
        setHandler(requestIn, new AbstractInHandler() {
          @Override
          public void onPush() {
            cancelTimer(DEADLINE);
            unanswered++;
            anyRequest = true;
            push(requestOut, grab(requestIn));
          }
        });
        setHandler(requestOut, new AbstractOutHandler() {
          @Override
          public void onPull() {
            pull(requestIn);
          }
        });
        setHandler(responseIn, new AbstractInHandler() {
          @Override
          public void onPush() {
            HttpResponse response = grab(responseIn);
            unanswered--;
            upgraded |= response.status().equals(StatusCodes.SWITCHING_PROTOCOLS);
            push(responseOut, response);
            if (unanswered == 0 && !upgraded && !isClosed(requestIn)) {
              scheduleOnce(DEADLINE, timeout);
            }
          }
        });
        setHandler(responseOut, new AbstractOutHandler() {
          @Override
          public void onPull() {
            pull(responseIn);
          }
        });
      }

      @Override
      public void preStart() {
        scheduleOnce(DEADLINE, timeout);
      }

      @Override
      public void onTimer(Object key) {
        if (!anyRequest) {
          onExpired.run();
        }
        cancel(requestIn);
        complete(requestOut);
      }
    };
  }
}

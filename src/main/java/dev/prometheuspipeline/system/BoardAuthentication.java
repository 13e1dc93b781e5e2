package dev.prometheuspipeline.system;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.camunda.bpm.engine.ProcessEngine;

/**
 * The release board's authentication: the same as the pipeline API's (the webapps' session, or HTTP Basic),
 * but a refused browser gets a page that links to the webapps' login instead of a Basic challenge, which
 * would open the browser's own password dialog. The board only reads, so the session alone suffices.
 */
public class BoardAuthentication extends WebappSessionAuthentication {
  static final String LOGIN = "/camunda/app/welcome/default/";

  @Override
  public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
    response.setContentType("text/html;charset=UTF-8");
    response.setHeader("Cache-Control", "no-store");
    try {
      response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
          + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Log in · Releases</title>"
          + "</head><body><h1>Log in to see the releases</h1><p>The release board uses the login of Cockpit and"
          + " Tasklist: <a id=\"login\" href=\"" + LOGIN + "\">log in</a>, then open"
          + " <a href=\"/releases\">/releases</a> again.</p></body></html>");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

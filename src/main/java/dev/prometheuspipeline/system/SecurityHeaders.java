package dev.prometheuspipeline.system;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The headers every answer carries, whoever writes it (the API, the engine's REST API, the webapps, the board,
 * a refusal of the authentication filters): set before anything else runs, so an error answer has them too.
 * <ul>
 *   <li>{@code nosniff}: reports, notes and SBOMs carry text from users' files; a browser must never guess a
 *       type that runs it.
 *   <li>Framing: the API and the board are never framed; the webapps only by themselves (Cockpit's plugins).
 *   <li>{@code no-store} on the two APIs: an answer is one user's view of a release at one moment; no shared
 *       cache may keep it for the next user.
 * </ul>
 */
final class SecurityHeaders implements Filter {

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (response instanceof HttpServletResponse http && request instanceof HttpServletRequest req) {
      String path = req.getRequestURI().substring(req.getContextPath().length());
      http.setHeader("X-Content-Type-Options", "nosniff");
      http.setHeader("X-Frame-Options", path.startsWith("/camunda/") ? "SAMEORIGIN" : "DENY");
      http.setHeader("Referrer-Policy", "same-origin");
      if (path.startsWith("/api/") || path.equals("/api") || path.startsWith("/engine-rest/")) {
        http.setHeader("Cache-Control", "no-store");
      }
    }
    chain.doFilter(request, response);
  }
}

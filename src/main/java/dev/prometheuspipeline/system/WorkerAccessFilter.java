package dev.prometheuspipeline.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The rest of a worker user's least privilege, beyond what Camunda can grant. Camunda 7 grants external-task
 * rights per process definition, and UPDATE_INSTANCE there also allows changing variables or moving tokens;
 * a user of {@code pipeline.access.workers} may here only fetch and lock its own topics, and extend, complete,
 * fail or raise a BPMN error on tasks of its own topics. Anything else it asks of the engine REST API is
 * refused with 403. Runs after the engine's authentication filter, which names the user.
 */
final class WorkerAccessFilter extends OncePerRequestFilter {
  private static final Pattern TASK_ACTION =
      Pattern.compile("/external-task/([^/]+)/(complete|failure|bpmnError|extendLock|unlock)");
  /** A fetch-and-lock body is a few hundred bytes; larger is not a worker's. */
  private static final int MAX_FETCH_BODY = 64 * 1024;

  private final ProcessEngine engine;
  private final Map<String, List<String>> topicsByWorker;
  private final ObjectMapper json = new ObjectMapper();

  WorkerAccessFilter(ProcessEngine engine, Map<String, List<String>> topicsByWorker) {
    this.engine = engine;
    this.topicsByWorker = Map.copyOf(topicsByWorker);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication who = engine.getIdentityService().getCurrentAuthentication();
    List<String> topics = who == null ? null : topicsByWorker.get(who.getUserId());
    if (topics == null) {
      chain.doFilter(request, response);
      return;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length() + "/engine-rest".length());
    if (!"POST".equals(request.getMethod())) {
      refuse(response, "a worker user may only fetch, lock and finish external tasks");
      return;
    }
    if (path.equals("/external-task/fetchAndLock")) {
      byte[] body = request.getInputStream().readNBytes(MAX_FETCH_BODY + 1);
      Optional<String> foreign = foreignTopic(body, topics);
      if (body.length > MAX_FETCH_BODY || foreign.isPresent()) {
        refuse(response, "worker user '" + who.getUserId() + "' may not fetch topic "
            + foreign.orElse("(body too large)") + "; its topics are " + topics);
        return;
      }
      chain.doFilter(new ReadAgain(request, body), response);
      return;
    }
    Matcher action = TASK_ACTION.matcher(path);
    if (action.matches()) {
      // Looked up with the worker's own rights: a task it may not see is not one of its topics either.
      ExternalTask task = engine.getExternalTaskService().createExternalTaskQuery()
          .externalTaskId(action.group(1)).singleResult();
      if (task != null && topics.contains(task.getTopicName())) {
        chain.doFilter(request, response);
      } else {
        refuse(response, "worker user '" + who.getUserId() + "' may not work on external task " + action.group(1)
            + "; its topics are " + topics);
      }
      return;
    }
    refuse(response, "a worker user may only fetch, lock and finish external tasks");
  }

  private Optional<String> foreignTopic(byte[] body, List<String> topics) {
    try {
      for (JsonNode topic : json.readTree(body).path("topics")) {
        String name = topic.path("topicName").asText("");
        if (!topics.contains(name)) {
          return Optional.of("'" + name + "'");
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("(unreadable request)");
    }
  }

  private void refuse(HttpServletResponse response, String message) throws IOException {
    // The engine REST API's own error shape, so the external-task client reports it as it reports the engine's.
    response.setStatus(HttpStatus.FORBIDDEN.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    json.writeValue(response.getOutputStream(), Map.of("type", "AuthorizationException", "message", message));
  }

  /** The request with its body, already read here, readable once more by the engine REST API. */
  private static final class ReadAgain extends HttpServletRequestWrapper {
    private final byte[] body;

    ReadAgain(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
          return in.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          // The whole body is in memory: it is all available now, and then all read.
          try {
            if (!isFinished()) {
              listener.onDataAvailable();
            }
            listener.onAllDataRead();
          } catch (IOException e) {
            listener.onError(e);
          }
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      // The wrapped request's reader would read the consumed stream: read the kept body instead.
      String encoding = getCharacterEncoding();
      return new BufferedReader(new InputStreamReader(getInputStream(),
          encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
    }
  }
}

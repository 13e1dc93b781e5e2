package dev.prometheuspipeline.notify;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/** Mails a notification through Spring's {@code spring.mail.*} server; without {@code spring.mail.host}, none. */
@Component
class MailNotifier {
  private final ObjectProvider<JavaMailSender> sender;

  MailNotifier(ObjectProvider<JavaMailSender> sender) {
    this.sender = sender;
  }

  boolean configured() {
    return sender.getIfAvailable() != null;
  }

  void send(String from, List<String> to, Notification notification, Notifications.Links links) {
    JavaMailSender mail = sender.getIfAvailable();
    if (mail == null) {
      return;
    }
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(from);
    message.setTo(to.toArray(String[]::new));
    message.setSubject("[Prometheus Pipeline] " + notification.kind().title() + ": " + notification.releaseRef());
    StringBuilder text = new StringBuilder(notification.message()).append("\n\n");
    links.tasks().forEach(task -> text.append("Open in Tasklist: ").append(task).append('\n'));
    text.append("Release report: ").append(links.report()).append('\n');
    message.setText(text.toString());
    mail.send(message);
  }
}

package dev.shipbridge.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.EventLocation;
import dev.shipbridge.model.Handoff;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.model.TrackingStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Text forms of a parcel's state (compact: one short line, about 60 bytes plus 6 per event seen),
 * of pushed events and of changes, for {@link ScheduleStore} implementations that keep them
 * outside the JVM. {@code decode(encode(x))} equals {@code x}.
 *
 * <pre>{@code
 * String line = ScheduleCodec.encodeState(state);
 * ParcelState back = ScheduleCodec.decodeState(state.number(), line);
 * }</pre>
 */
public final class ScheduleCodec {
  private static final char SEP = '~';
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TrackingStatus[] STATUSES = TrackingStatus.values();
  private static final ParcelState.Stop[] STOPS = ParcelState.Stop.values();

  private ScheduleCodec() {}

  /** The state without its number (the store's key): fields joined by {@code ~}, times in base-36 epoch milliseconds. */
  public static String encodeState(ParcelState s) {
    StringBuilder b = new StringBuilder(64 + s.seen().length());
    b.append(s.carrier().value()).append(SEP).append(s.account()).append(SEP)
        .append(s.journey().equals(s.number()) ? "" : s.journey()).append(SEP)
        .append(s.status().ordinal()).append(SEP).append(time(s.watchedAt())).append(SEP)
        .append(time(s.lastEventAt())).append(SEP).append(time(s.lastPolledAt())).append(SEP)
        .append(time(s.nextDueAt())).append(SEP).append(s.misses()).append(SEP).append(s.pushed() ? '1' : '0').append(SEP)
        .append(s.stopReason() == null ? "" : String.valueOf(s.stopReason().ordinal())).append(SEP).append(s.seen());
    return b.toString();
  }

  public static ParcelState decodeState(String number, String line) {
    String[] f = line.split(String.valueOf(SEP), -1);
    if (f.length != 12) throw new IllegalArgumentException("not a parcel state: " + f.length + " fields");
    return new ParcelState(number, CarrierId.of(f[0]), f[1], f[2].isEmpty() ? number : f[2],
        STATUSES[Integer.parseInt(f[3])], instant(f[4]), instant(f[5]), instant(f[6]), instant(f[7]),
        Integer.parseInt(f[8]), f[9].equals("1"), f[10].isEmpty() ? null : STOPS[Integer.parseInt(f[10])], f[11]);
  }

  private static String time(Instant t) {
    return t == null ? "" : Long.toString(t.toEpochMilli(), 36);
  }

  private static Instant instant(String s) {
    return s.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(s, 36));
  }

  public static String encodePushed(PushedEvents p) {
    List<Object> out = new ArrayList<>();
    out.add(p.receivedAt().toString());
    for (TrackingEvent e : p.events()) out.add(event(e));
    return write(out);
  }

  public static PushedEvents decodePushed(String text) {
    List<Object> in = read(text);
    List<TrackingEvent> events = new ArrayList<>();
    for (int i = 1; i < in.size(); i++) events.add(event(in.get(i)));
    return new PushedEvents(events, Instant.parse((String) in.get(0)));
  }

  public static String encodeChanges(List<TrackingChanged> changes) {
    List<Object> out = new ArrayList<>();
    for (TrackingChanged c : changes) {
      List<Object> events = new ArrayList<>();
      for (TrackingEvent e : c.events()) events.add(event(e));
      out.add(List.of(c.id(), c.trackingNumber(), c.legNumber(), c.carrier().value(), events, c.eventIds(), c.status().name(),
          c.previousStatus() == null ? "" : c.previousStatus().name(),
          c.handoff() == null ? List.of() : List.of(c.handoff().carrier().value(), c.handoff().trackingNumber()),
          c.observedAt().toString()));
    }
    return write(out);
  }

  @SuppressWarnings("unchecked")
  public static List<TrackingChanged> decodeChanges(String text) {
    List<TrackingChanged> out = new ArrayList<>();
    for (Object o : read(text)) {
      List<Object> f = (List<Object>) o;
      List<TrackingEvent> events = new ArrayList<>();
      for (Object e : (List<Object>) f.get(4)) events.add(event(e));
      List<Object> h = (List<Object>) f.get(8);
      out.add(new TrackingChanged((String) f.get(0), (String) f.get(1), (String) f.get(2), CarrierId.of((String) f.get(3)),
          events, (List<String>) f.get(5), TrackingStatus.valueOf((String) f.get(6)),
          ((String) f.get(7)).isEmpty() ? null : TrackingStatus.valueOf((String) f.get(7)),
          h.isEmpty() ? null : new Handoff(CarrierId.of((String) h.get(0)), (String) h.get(1)), Instant.parse((String) f.get(9))));
    }
    return out;
  }

  private static List<String> event(TrackingEvent e) {
    EventLocation l = e.location();
    List<String> f = new ArrayList<>(10);
    f.add(e.time().toString());
    f.add(e.status().name());
    f.add(e.rawCode());
    f.add(e.description());
    f.add(l.city());
    f.add(l.region());
    f.add(l.postalCode());
    f.add(l.country());
    f.add(l.facility());
    f.add(e.carrier().value());
    return f;
  }

  @SuppressWarnings("unchecked")
  private static TrackingEvent event(Object o) {
    List<String> f = (List<String>) o;
    EventLocation l = new EventLocation(f.get(4), f.get(5), f.get(6), f.get(7), f.get(8));
    return new TrackingEvent(OffsetDateTime.parse(f.get(0)), TrackingStatus.valueOf(f.get(1)), f.get(2), f.get(3),
        l.equals(EventLocation.UNKNOWN) ? EventLocation.UNKNOWN : l, CarrierId.of(f.get(9)));
  }

  private static String write(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Object> read(String text) {
    try {
      return JSON.readValue(text, new TypeReference<List<Object>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a stored schedule record", e);
    }
  }
}

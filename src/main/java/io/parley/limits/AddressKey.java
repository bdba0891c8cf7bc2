package io.parley.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key a client address is limited by. An IPv6 caller is counted by its /64: one subscriber's network gets
 * a /64 or more, so a single host can hop between 2^64 addresses, and a limit per address would not hold it.
 * An IPv4 address is its own key, and so is an IPv4-mapped IPv6 address ({@code ::ffff:203.0.113.7}, as a
 * dual-stack socket reports an IPv4 caller) the IPv4 address it maps. Brackets, a port after them and a zone
 * ({@code %eth0}) are dropped. Text that is no IP address is its own key. Pure: no name is ever looked up.
 */
public final class AddressKey {

    private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d{1,5}");

    private AddressKey() {
    }

    /** The key of {@code address} as a connection or a proxy reports it; {@code unknown} for none. */
    public static String of(String address) {
        if (address == null || address.isBlank()) {
            return "unknown";
        }
        String text = address.strip();
        if (text.startsWith("[")) {
            int end = text.indexOf(']');
            if (end < 0) {
                return text;
            }
            text = text.substring(1, end);
        } else if (IPV4_WITH_PORT.matcher(text).matches()) {
            text = text.substring(0, text.indexOf(':'));
        }
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        if (text.indexOf(':') < 0) {
            return text;
        }
        int[] groups = ipv6(text);
        if (groups == null) {
            return address.strip();
        }
        if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
                && groups[5] == 0xffff) {
            return (groups[6] >> 8) + "." + (groups[6] & 0xff) + "." + (groups[7] >> 8) + "." + (groups[7] & 0xff);
        }
        return "%x:%x:%x:%x::/64".formatted(groups[0], groups[1], groups[2], groups[3]);
    }

    /** The eight 16-bit groups of an IPv6 address written as RFC 4291 §2.2 allows, or null when it is none. */
    static int[] ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        List<Integer> head = groups(gap >= 0 ? text.substring(0, gap) : text, gap < 0);
        List<Integer> tail = gap >= 0 ? groups(text.substring(gap + 2), true) : List.of();
        if (head == null || tail == null || (gap < 0 ? head.size() != 8 : head.size() + tail.size() > 7)) {
            return null;
        }
        int[] groups = new int[8];
        for (int i = 0; i < head.size(); i++) {
            groups[i] = head.get(i);
        }
        for (int i = 0; i < tail.size(); i++) {
            groups[8 - tail.size() + i] = tail.get(i);
        }
        return groups;
    }

    /**
     * {@code "a:b:c"} as 16-bit groups; when {@code last} (nothing follows), its last part may be an IPv4
     * address, two groups. Empty text is none; null when malformed.
     */
    private static List<Integer> groups(String text, boolean last) {
        List<Integer> groups = new ArrayList<>(8);
        if (text.isEmpty()) {
            return groups;
        }
        String[] parts = text.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            Matcher ipv4 = IPV4.matcher(parts[i]);
            if (HEX_GROUP.matcher(parts[i]).matches()) {
                groups.add(Integer.parseInt(parts[i], 16));
            } else if (last && i == parts.length - 1 && ipv4.matches()) {
                int[] octets = new int[4];
                for (int o = 0; o < 4; o++) {
                    octets[o] = Integer.parseInt(ipv4.group(o + 1));
                    if (octets[o] > 255) {
                        return null;
                    }
                }
                groups.add(octets[0] << 8 | octets[1]);
                groups.add(octets[2] << 8 | octets[3]);
            } else {
                return null;
            }
        }
        return groups;
    }
}

package io.parley.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressKeyTest {

    @Test
    void anIpv4AddressIsItsOwnKeyWithOrWithoutAPort() {
        assertThat(AddressKey.of("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(AddressKey.of("203.0.113.7:51234")).isEqualTo("203.0.113.7");
        assertThat(AddressKey.of("203.0.113.8")).isNotEqualTo(AddressKey.of("203.0.113.7"));
    }

    @Test
    void anIpv6AddressCountsByItsSlash64() {
        String key = AddressKey.of("2001:db8:1:2::1");
        assertThat(key).isEqualTo("2001:db8:1:2::/64");
        assertThat(AddressKey.of("2001:db8:1:2:ffff:ffff:ffff:fffe")).as("another host of the same network")
                .isEqualTo(key);
        assertThat(AddressKey.of("2001:0DB8:0001:0002:0:0:0:9")).as("written out, in capitals").isEqualTo(key);
        assertThat(AddressKey.of("2001:db8:1:3::1")).as("the next /64").isEqualTo("2001:db8:1:3::/64");
        assertThat(AddressKey.of("::1")).isEqualTo("0:0:0:0::/64");
        assertThat(AddressKey.of("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0::/64");
        assertThat(AddressKey.of("2001:db8::")).isEqualTo("2001:db8:0:0::/64");
    }

    @Test
    void bracketsAPortAndAZoneAreDropped() {
        assertThat(AddressKey.of("[2001:db8:1:2::1]")).isEqualTo("2001:db8:1:2::/64");
        assertThat(AddressKey.of("[2001:db8:1:2::1]:8443")).isEqualTo("2001:db8:1:2::/64");
        assertThat(AddressKey.of("fe80::1%eth0")).isEqualTo("fe80:0:0:0::/64");
        assertThat(AddressKey.of("[fe80::1%25eth0]:80")).isEqualTo("fe80:0:0:0::/64");
    }

    @Test
    void anIpv4MappedIpv6AddressIsTheIpv4AddressItMaps() {
        assertThat(AddressKey.of("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(AddressKey.of("[::ffff:203.0.113.7]:443")).isEqualTo("203.0.113.7");
        assertThat(AddressKey.of("0:0:0:0:0:ffff:cb00:7107")).isEqualTo("203.0.113.7");
        assertThat(AddressKey.of("::ffff:203.0.113.8")).as("not one network for every IPv4 caller")
                .isNotEqualTo(AddressKey.of("::ffff:203.0.113.7"));
    }

    @Test
    void whatIsNoAddressIsItsOwnKey() {
        assertThat(AddressKey.of(null)).isEqualTo("unknown");
        assertThat(AddressKey.of(" ")).isEqualTo("unknown");
        assertThat(AddressKey.of("unknown")).isEqualTo("unknown");
        for (String odd : new String[] {"2001:db8::1::2", "2001:db8:1:2:3:4:5:6:7", "1:2:3:4:5:6:7", "2001:db8::g",
                "::ffff:300.0.113.7", "1.2.3.4::", "12345::", "[2001:db8::1", "evil.example"}) {
            assertThat(AddressKey.of(odd)).as(odd).isEqualTo(odd);
        }
    }
}

package io.parley.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Staff is defined once: agents, supervisors and operators; a customer never, whoever acts as one. */
class StaffTest {

    @Test
    void agentsSupervisorsAndOperatorsAreStaffCustomersAreNot() {
        assertThat(Requester.as(EndpointRef.csr("alice")).isStaff()).isTrue();
        assertThat(Requester.supervisor(EndpointRef.csr("sam")).isStaff()).isTrue();
        assertThat(Requester.operator("ops").isStaff()).isTrue();
        assertThat(Requester.as(EndpointRef.customer("ann@example.com")).isStaff()).isFalse();
    }

    @Test
    void anOperatorActingOnBehalfOfACustomerHasTheCustomersView() {
        assertThat(Requester.as(EndpointRef.customer("v-1")).isStaff()).isFalse();
        assertThat(EndpointRef.customer("v-1").isStaff()).isFalse();
        assertThat(new EndpointRef(EndpointKind.SYSTEM, "ops").isStaff()).isTrue();
    }
}

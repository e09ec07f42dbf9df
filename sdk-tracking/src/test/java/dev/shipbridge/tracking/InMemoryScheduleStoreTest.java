package dev.shipbridge.tracking;

class InMemoryScheduleStoreTest extends ScheduleStoreContract {
  @Override
  protected ScheduleStore newStore() {
    return new InMemoryScheduleStore();
  }
}

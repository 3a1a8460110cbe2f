/** One refused webhook delivery, without secrets or body. */
export interface RejectedDelivery {
  at: string;
  requestId: string;
  provider: string | null;
  code: string;
  message: string;
  ip: string;
}

/**
 * The last refused deliveries of this server instance, newest first, so an operator can see
 * why a provider's webhook is not getting through. Bounded; kept in memory.
 */
export class RecentRejects {
  private readonly entries: RejectedDelivery[] = [];

  constructor(private readonly capacity = 100) {}

  record(entry: RejectedDelivery): void {
    this.entries.unshift(entry);
    if (this.entries.length > this.capacity) this.entries.length = this.capacity;
  }

  list(): RejectedDelivery[] {
    return [...this.entries];
  }
}

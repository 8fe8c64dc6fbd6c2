-- FEP-8fcf: deliveries of activities addressed to the sender's followers carry a Collection-Synchronization header.
ALTER TABLE outbox_activities ADD COLUMN synchronize_followers boolean NOT NULL DEFAULT false;

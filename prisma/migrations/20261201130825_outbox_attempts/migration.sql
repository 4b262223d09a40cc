-- AlterTable
ALTER TABLE "job_runs" ALTER COLUMN "lease_until" DROP NOT NULL;

-- AlterTable
ALTER TABLE "deliveries" ADD COLUMN     "attempted_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "committee_meetings" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "held_on" DATE NOT NULL,
    "actor_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "committee_meetings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "committee_meetings_plan_id_held_on_key" ON "committee_meetings"("plan_id", "held_on");

-- AddForeignKey
ALTER TABLE "committee_meetings" ADD CONSTRAINT "committee_meetings_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "progress_updates" ADD COLUMN     "on_behalf_of" TEXT;

-- CreateTable
CREATE TABLE "absences" (
    "person_id" UUID NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "actor_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "absences_pkey" PRIMARY KEY ("person_id")
);

-- CreateTable
CREATE TABLE "role_covers" (
    "role_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "ends_on" DATE NOT NULL,
    "actor_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "role_covers_pkey" PRIMARY KEY ("role_id")
);

-- CreateIndex
CREATE INDEX "absences_ends_on_idx" ON "absences"("ends_on");

-- CreateIndex
CREATE INDEX "role_covers_person_id_idx" ON "role_covers"("person_id");

-- AddForeignKey
ALTER TABLE "absences" ADD CONSTRAINT "absences_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_covers" ADD CONSTRAINT "role_covers_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "roles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_covers" ADD CONSTRAINT "role_covers_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

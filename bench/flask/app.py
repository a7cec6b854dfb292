"""The peer of `whale serve` in bench/service-wrk.sh and bench/service-durability.sh: the project-setup posts'
Flask app (an app factory, flask-sqlalchemy, a users table), written here for the benchmark only and run by
Debian's gunicorn. Connection settings come from the same variables as whale's config. It uses the table that
whale's migrations made; it creates none."""
import os

from flask import Flask, jsonify, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.exc import IntegrityError

db = SQLAlchemy()


class User(db.Model):
    __tablename__ = "users"
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String, unique=True, nullable=False)


def make_app():
    env = os.environ
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql+psycopg2://{}:{}@{}:{}/{}".format(
        env["POSTGRES_USER"], env["POSTGRES_PASSWORD"], env["POSTGRES_HOSTNAME"], env["POSTGRES_PORT"],
        env["APPLICATION_DB"])
    app.config["SQLALCHEMY_TRACK_MODIFICATIONS"] = False
    db.init_app(app)

    @app.get("/")
    def hello():
        return "Hello, World!"

    @app.get("/users")
    def users():
        return "Number of users: {}".format(db.session.query(User).count())

    # As whale's POST /api/users: 201 with the new user, 400 without an email string, 409 when it is taken.
    @app.post("/api/users")
    def create_user():
        body = request.get_json(silent=True)
        email = body.get("email") if isinstance(body, dict) else None
        if not isinstance(email, str) or "@" not in email:
            return jsonify(error='the body needs "email", a string', status=400), 400
        user = User(email=email)
        db.session.add(user)
        try:
            db.session.flush()  # INSERT ... RETURNING id, as whale does
            user_id = user.id   # read before the commit expires it, which would cost a SELECT to reload
            db.session.commit()
        except IntegrityError as e:
            db.session.rollback()
            if getattr(e.orig, "pgcode", None) != "23505":  # unique_violation
                raise
            return jsonify(error="a user with email {} already exists".format(email), status=409), 409
        return jsonify(id=user_id, email=email), 201

    return app


app = make_app()
